package dev.cruddur.server.web;

import static dev.cruddur.server.web.CruddurUi.field;
import static dev.cruddur.server.web.CruddurUi.testId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testkit.account.AccountClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The whole web app as a person uses it, in real headless Chromium against a real server on a
 * fresh database with the seed data: browse anonymously, sign up, confirm with the code from the
 * development provider's log, sign in, follow someone, post (the home page, the Following
 * timeline, is then the README's screenshot), reply, find the crud on the user page and in
 * search, and, as its author, see someone else's reply in the notifications.
 */
class WebJourneyTest extends BrowserPerClass {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void signUpPostReplyBrowseSearchAndSeeTheReplyInNotifications() {
        // Someone else is already crudding; they will reply to the new user's crud later.
        String beaToken = accounts.create("bea@example.com", "Bea Builder", "bea_builds");
        api.postCrud(beaToken, "Shipping the #JavaRewrite today, the web app runs in plain ES modules", "1-day");
        api.postCrud(beaToken, "Cruds self-destruct: pick an expiry from 1 hour to 30 days", "30-days");

        // Anonymous: the home feed shows the seed crud.
        ui.open("/");
        WebElement seed = ui.waitForActivity("feed", "This was imported as seed data!");
        assertThat(field(seed, "display-name")).isEqualTo("Andrew Brown");
        assertThat(field(seed, "handle")).isEqualTo("@andrewbrown");
        assertThat(ui.element("nav-signin").isDisplayed()).isTrue();
        // Bea reposts it.
        assertThat(api.send("PUT", "/api/activities/" + seed.getAttribute("data-uuid") + "/repost", beaToken).status())
                .isEqualTo(200);

        // Sign up, confirm with the code the development provider logged, sign in.
        ui.signUp("Jo Journey", "jo@example.com", "jo_journey", AccountClient.PASSWORD);
        assertThat(ui.text("dev-code-hint")).contains("Confirmation code for jo@example.com");
        ui.confirmWithTheLoggedCode("jo@example.com");
        assertThat(ui.text("form-notice")).contains("confirmed");
        assertThat(browser.find(testId("signin-email")).getAttribute("value")).isEqualTo("jo@example.com");
        ui.signIn("jo@example.com", AccountClient.PASSWORD);
        ui.waitForPage("/");
        assertThat(ui.text("account-handle")).isEqualTo("@jo_journey");

        // Jo follows Bea from her page.
        ui.open("/@bea_builds");
        WebElement follow = ui.element("follow-button");
        follow.click();
        ui.waitForText(follow, "Unfollow");

        // Post a crud that lives one hour: it comes first, under Jo's handle, with about 1h left.
        String message = "Hello from the browser journey #FirstCrud";
        WebElement crud = ui.postCrud(message, "1-hour");
        assertThat(field(crud, "display-name")).isEqualTo("Jo Journey");
        assertThat(field(crud, "handle")).isEqualTo("@jo_journey");
        assertThat(field(crud, "expires")).isEqualTo("1h left");
        assertThat(field(crud, "age")).matches("\\d+s");
        assertThat(field(crud, "replies-count")).isEqualTo("0");
        // Home is Jo's Following timeline: Jo's crud, Bea's repost of the seed crud, Bea's cruds.
        List<WebElement> timeline = ui.activities("feed");
        assertThat(timeline).extracting(card -> field(card, "handle"))
                .containsExactly("@jo_journey", "@andrewbrown", "@bea_builds", "@bea_builds");
        assertThat(field(timeline.get(1), "reposted-by")).isEqualTo("Reposted by Bea Builder");
        browser.screenshot(SCREENSHOTS.resolve("home-feed.png"));
        String crudUuid = crud.getAttribute("data-uuid");

        // Open it and reply: its reply count reads 1.
        crud.findElement(testId("age")).click();
        ui.waitForPage("/cruds/" + crudUuid);
        ui.element("no-replies");
        ui.type("reply-message", "Replying to myself, to see how it looks");
        ui.click("reply-submit");
        ui.waitForActivity("replies", "Replying to myself, to see how it looks");
        browser.waitUntil(driver -> "1".equals(field(driver.findElement(testId("activity")), "replies-count")));

        // The user page lists it, with the name and handle.
        browser.find(testId("activity")).findElement(testId("handle")).click();
        ui.waitForPage("/@jo_journey");
        assertThat(ui.text("profile-name")).isEqualTo("Jo Journey");
        assertThat(ui.text("profile-handle")).isEqualTo("@jo_journey");
        WebElement onUserPage = ui.waitForFirst("feed", message);
        assertThat(field(onUserPage, "replies-count")).isEqualTo("1");

        // Search finds it by a word and by its #hashtag (typed, and by clicking the hashtag).
        ui.click("nav-search");
        ui.waitForPage("/search");
        ui.type("search-term", "journey");
        ui.click("search-submit");
        browser.waitUntil(driver -> driver.getCurrentUrl().endsWith("/search?term=journey"));
        ui.waitForFirst("results", message);
        ui.type("search-term", "#firstcrud");
        ui.click("search-submit");
        browser.waitUntil(driver -> driver.getCurrentUrl().endsWith("/search?term=%23firstcrud"));
        assertThat(ui.waitForFirst("results", message)).isNotNull();
        assertThat(ui.activities("results")).hasSize(1);
        ui.open("/@jo_journey");
        ui.waitForFirst("feed", message).findElement(org.openqa.selenium.By.linkText("#FirstCrud")).click();
        browser.waitUntil(driver -> driver.getCurrentUrl().endsWith("/search?term=%23FirstCrud"));
        ui.waitForFirst("results", message);

        // Jo signs out; Bea signs in and replies to Jo's crud.
        ui.signOut();
        ui.open("/cruds/" + crudUuid);
        ui.element("signin-to-reply").click();
        ui.waitForPage("/signin");
        ui.signIn("bea@example.com", AccountClient.PASSWORD);
        ui.waitForPage("/cruds/" + crudUuid); // back where she was
        ui.type("reply-message", "Welcome to Cruddur, Jo!");
        ui.click("reply-submit");
        ui.waitForActivity("replies", "Welcome to Cruddur, Jo!");
        browser.waitUntil(driver -> "2".equals(field(driver.findElement(testId("activity")), "replies-count")));
        ui.signOut();

        // Jo, the crud's author, sees Bea's reply in the notifications (and not her own reply).
        ui.open("/signin");
        ui.signIn("jo@example.com", AccountClient.PASSWORD);
        ui.click("nav-notifications");
        ui.waitForPage("/notifications");
        WebElement notification = ui.waitForFirst("notifications", "Welcome to Cruddur, Jo!");
        assertThat(field(notification, "handle")).isEqualTo("@bea_builds");
        List<String> messages = ui.activities("notifications").stream().map(card -> field(card, "message")).toList();
        assertThat(messages).containsExactly("Welcome to Cruddur, Jo!");
        notification.findElement(testId("in-reply-to")).click();
        ui.waitForPage("/cruds/" + crudUuid);

        // Sign out: the session is gone, and notifications ask to sign in.
        ui.signOut();
        assertThat(ui.storedSession()).isNull();
        ui.open("/notifications");
        assertThat(ui.text("notifications-signed-out")).contains("Sign in");
    }
}
