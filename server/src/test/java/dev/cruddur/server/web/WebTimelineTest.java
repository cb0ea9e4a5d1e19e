package dev.cruddur.server.web;

import static dev.cruddur.server.web.CruddurUi.field;
import static dev.cruddur.server.web.CruddurUi.testId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testkit.account.AccountClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The signed-in person's side of the web app, journeys in real headless Chromium against a real
 * server: the Following timeline as their home with its reposts, Everyone one tab away, the
 * notifications in their own words (grouped, the new ones marked, marked read on opening), and
 * the unread badge on the Notifications link.
 */
class WebTimelineTest extends BrowserPerClass {

    @BeforeEach
    void signedOut() {
        signedOutAtDesktopSize();
    }

    @Test
    void theFollowingTimelineIsTheSignedInHomeWithItsRepostsAndEveryoneIsOneTabAway() {
        String annToken = accounts.create("ann@example.com", "Ann Able", "ann_a");
        String bobToken = accounts.create("bob@example.com", "Bob Builder", "bob_b");
        String catToken = accounts.create("cat@example.com", "Cat Coder", "cat_c");
        String deeToken = accounts.create("dee@example.com", "Dee Draft", "dee_d");
        assertThat(api.send("PUT", "/api/users/@bob_b/follow", annToken).status()).isEqualTo(200);
        String bobs = api.postCrud(bobToken, "Bob writes for the people who follow him", "1-day");
        String cats = api.postCrud(catToken, "Cat's crud, which Bob passes on", "1-day");
        assertThat(api.send("PUT", "/api/activities/" + cats + "/repost", bobToken).status()).isEqualTo(200);
        String dees = api.postCrud(deeToken, "Dee's crud, for everyone", "1-day");

        // Signed in, home is Ann's timeline: Bob's crud, and Cat's because Bob reposted it (newest
        // first, with the line saying why it is there); Dee's is not.
        ui.signIn("ann@example.com", AccountClient.PASSWORD);
        ui.waitForPage("/");
        WebElement following = ui.element("tab-following");
        assertThat(following.getAttribute("role")).isEqualTo("tab");
        assertThat(following.getAttribute("aria-selected")).isEqualTo("true");
        assertThat(ui.element("tab-everyone").getAttribute("aria-selected")).isEqualTo("false");
        assertThat(browser.find(By.cssSelector("[role='tabpanel']")).getAttribute("aria-labelledby")).isEqualTo("tab-following");
        List<WebElement> cards = browser.waitUntil(driver -> ui.activities("feed").size() == 2 ? ui.activities("feed") : null);
        assertThat(cards).extracting(card -> card.getAttribute("data-uuid")).containsExactly(cats, bobs);
        WebElement reposted = cards.get(0).findElement(testId("reposted-by"));
        assertThat(reposted.getText()).isEqualTo("Reposted by Bob Builder");
        assertThat(reposted.findElement(testId("reposter")).getAttribute("href")).endsWith("/@bob_b");
        assertThat(field(cards.get(0), "display-name")).isEqualTo("Cat Coder");
        assertThat(cards.get(1).findElements(testId("reposted-by"))).as("Bob's own crud").isEmpty();

        // Everyone: a click away, in the address, so a reload keeps it; the tab keeps the focus.
        ui.click("tab-everyone");
        browser.waitUntil(driver -> driver.getCurrentUrl().endsWith("/?feed=everyone"));
        ui.card(dees);
        assertThat(ui.element("tab-everyone").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(browser.find(testId("tab-everyone")));
        ui.open("/?feed=everyone");
        ui.card(dees);
        assertThat(ui.element("tab-everyone").getAttribute("aria-selected")).isEqualTo("true");

        // Back leads to the timeline again.
        browser.driver.navigate().back();
        browser.waitUntil(driver -> "true".equals(driver.findElement(testId("tab-following")).getAttribute("aria-selected")));
        ui.card(bobs);
        assertThat(browser.driver.findElements(By.cssSelector("[data-uuid='" + dees + "']"))).isEmpty();

        // The keyboard: the arrow moves to Everyone (only the chosen tab is in the Tab order), Space opens it.
        WebElement tab = ui.element("tab-following");
        assertThat(ui.element("tab-everyone").getAttribute("tabindex")).isEqualTo("-1");
        browser.script("arguments[0].focus();", tab);
        browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("data-testid")).isEqualTo("tab-everyone");
        browser.driver.switchTo().activeElement().sendKeys(Keys.SPACE);
        browser.waitUntil(driver -> driver.getCurrentUrl().endsWith("/?feed=everyone"));
        ui.card(dees);

        // A crud posted from Everyone tops it, and the page stays on Everyone.
        ui.postCrud("Ann posts while reading everyone's cruds", "1-hour");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/?feed=everyone");
        assertThat(ui.element("tab-everyone").getAttribute("aria-selected")).isEqualTo("true");

        // Bob's page shows what he reposted, with the same line.
        ui.open("/@bob_b");
        assertThat(ui.card(cats).findElement(testId("reposted-by")).getText()).isEqualTo("Reposted by Bob Builder");

        // At phone width the tabs and the line fit without scrolling sideways.
        browser.resize(375, 812);
        ui.open("/");
        ui.card(cats).findElement(testId("reposted-by"));
        long viewport = (Long) browser.script("return document.documentElement.clientWidth;");
        long content = (Long) browser.script("return document.documentElement.scrollWidth;");
        assertThat(content).isLessThanOrEqualTo(viewport);
        browser.screenshot(WebJourneyTest.SCREENSHOTS.resolve("following-phone.png"));

        // Signed out, home is everyone's feed, with no tabs.
        browser.resize(1200, 900);
        ui.signOut();
        ui.card(dees);
        assertThat(browser.driver.findElements(testId("feed-tabs"))).isEmpty();
    }

    @Test
    void anEmptyTimelineSaysHowToFillItAndLeadsToEveryone() {
        accounts.create("new@example.com", "New Person", "new_p");
        ui.signIn("new@example.com", AccountClient.PASSWORD);
        ui.waitForPage("/");
        assertThat(ui.text("feed-empty")).contains("people you follow");
        ui.click("empty-to-everyone");
        browser.waitUntil(driver -> driver.getCurrentUrl().endsWith("/?feed=everyone"));
        ui.waitForActivity("feed", "This was imported as seed data!");
    }

    @Test
    void notificationsSayWhatHappenedGroupTheLikesMarkTheNewOnesAndTheBadgeFollows() {
        String niaToken = accounts.create("nia@example.com", "Nia Nouveau", "nia_n");
        String kitToken = accounts.create("kit@example.com", "Kit Kind", "kit_k");
        String lenToken = accounts.create("len@example.com", "Len Long", "len_l");
        String meg = accounts.create("meg@example.com", "Meg Mild", "meg_m");
        String ned = accounts.create("ned@example.com", "Ned Near", "ned_n");
        String oli = accounts.create("oli@example.com", "Oli Owl", "oli_o");
        String crud = api.postCrud(niaToken, "Nia's crud that everybody likes", "1-day");
        String older = api.postCrud(niaToken, "Nia's older crud", "1-day");

        // One like seen already (read), then, newest last: a reply, a mention, five likes of one
        // crud, a repost, and two follows.
        like(older, oli);
        assertThat(api.postJson("/api/notifications/read", "{}", niaToken).status()).isEqualTo(200);
        String reply = api.postJson("/api/activities/" + crud + "/reply", "{\"message\":\"Lovely one, Nia\"}", kitToken)
                .json().get("uuid").asText();
        api.postCrud(lenToken, "Have you met @nia_n yet?", "1-day");
        for (String liker : List.of(meg, ned, oli, kitToken, lenToken)) {
            like(crud, liker);
        }
        assertThat(api.send("PUT", "/api/activities/" + crud + "/repost", kitToken).status()).isEqualTo(200);
        assertThat(api.send("PUT", "/api/users/@nia_n/follow", meg).status()).isEqualTo(200);
        assertThat(api.send("PUT", "/api/users/@nia_n/follow", ned).status()).isEqualTo(200);

        // Signed in: the badge counts the ten unread, for the eye and for screen readers.
        ui.signIn("nia@example.com", AccountClient.PASSWORD);
        WebElement badge = ui.element("unread-badge");
        ui.waitForText(badge, "10");
        assertThat(badge.getAttribute("aria-label")).isEqualTo("10 unread notifications");
        assertThat(ui.element("nav-notifications").getText()).startsWith("Notifications");

        // The page: each kind in its words, the likes of one crud as one item, the follows as one.
        ui.click("nav-notifications");
        ui.waitForPage("/notifications");
        List<WebElement> items = browser.waitUntil(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("[data-testid='notifications'] [data-testid='notification']"));
            return found.size() == 6 ? found : null;
        });
        assertThat(items).extracting(item -> item.getAttribute("data-kind"))
                .containsExactly("follow", "repost", "like", "mention", "reply", "like");
        assertThat(items).extracting(item -> field(item, "notification-line").replaceFirst(" \\S+$", ""))
                .containsExactly(
                        "New Ned Near and Meg Mild followed you",
                        "New Kit Kind reposted your crud",
                        "New Len Long, Kit Kind and 3 others liked your crud",
                        "New Len Long mentioned you",
                        "New Kit Kind replied to you",
                        "Oli Owl liked your crud");
        assertThat(items.get(0).findElements(testId("actor"))).extracting(actor -> actor.getAttribute("href"))
                .containsExactly(browser.baseUrl + "/@ned_n", browser.baseUrl + "/@meg_m");
        assertThat(items.get(2).findElement(testId("notification-crud")).getText()).isEqualTo("Nia's crud that everybody likes");
        assertThat(items.get(2).findElement(testId("notification-crud")).getAttribute("href")).endsWith("/cruds/" + crud);
        assertThat(field(items.get(3), "message")).isEqualTo("Have you met @nia_n yet?");
        assertThat(items.get(4).findElement(testId("activity")).getAttribute("data-uuid")).isEqualTo(reply);
        assertThat(items.get(5).findElements(testId("notification-new"))).as("seen before").isEmpty();

        // Opening the page marked them read: the badge goes without a reload, and the server agrees.
        browser.waitUntil(driver -> !badge.isDisplayed());
        assertThat(api.get("/api/notifications/unread-count", niaToken).json().get("unread").asInt()).isZero();

        // Someone else acts: the badge shows it on the next page, without a reload.
        like(older, meg);
        ui.click("nav-home");
        ui.waitForPage("/");
        ui.waitForText(ui.element("unread-badge"), "1");
        assertThat(ui.element("unread-badge").getAttribute("aria-label")).isEqualTo("1 unread notification");

        // Opened again: only the new like says New; the link to the crud opens it.
        ui.click("nav-notifications");
        ui.waitForPage("/notifications");
        WebElement newest = browser.waitUntil(driver -> driver.findElement(
                By.cssSelector("[data-testid='notifications'] [data-testid='notification']")));
        assertThat(field(newest, "notification-line")).startsWith("New Meg Mild liked your crud");
        assertThat(browser.driver.findElements(testId("notification-new"))).hasSize(1);
        browser.waitUntil(driver -> driver.findElements(testId("unread-badge")).stream().noneMatch(WebElement::isDisplayed));
        newest.findElement(testId("notification-crud")).click();
        ui.waitForPage("/cruds/" + older);

        // Signing out takes the badge away.
        like(older, ned);
        ui.click("nav-home");
        ui.waitForText(ui.element("unread-badge"), "1");
        ui.signOut();
        assertThat(browser.driver.findElements(testId("unread-badge"))).isEmpty();

        // At phone width the grouped notifications fit.
        ui.signIn("nia@example.com", AccountClient.PASSWORD);
        browser.resize(375, 812);
        ui.open("/notifications");
        ui.element("notification");
        long viewport = (Long) browser.script("return document.documentElement.clientWidth;");
        long content = (Long) browser.script("return document.documentElement.scrollWidth;");
        assertThat(content).isLessThanOrEqualTo(viewport);
        browser.screenshot(WebJourneyTest.SCREENSHOTS.resolve("notifications-phone.png"));
    }

    private static void like(String crud, String token) {
        assertThat(api.send("PUT", "/api/activities/" + crud + "/like", token).status()).isEqualTo(200);
    }
}
