package dev.cruddur.server.web;

import static dev.cruddur.server.web.CruddurUi.field;
import static dev.cruddur.server.web.CruddurUi.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.activity.Ttl;
import dev.cruddur.server.SentCodes;
import dev.cruddur.testkit.account.AccountClient;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web app's rules one at a time, in real headless Chromium against a real server: the
 * character limit, text-only rendering, the identity provider's and the API's errors beside
 * their forms, signing in to post, refreshing a refused token, paging, labels, phone width.
 */
class WebAppTest extends BrowserPerClass {

    @BeforeAll
    static void accountsOfThisClass() {
        accounts.create("ivy@example.com", "Ivy <i>Italic</i>", "ivy_i");
    }

    @BeforeEach
    void signedOut() {
        signedOutAtDesktopSize();
    }

    @Test
    void aCrudOver280CharactersCannotBeSubmittedAndCharactersAreCodePoints() {
        ui.signIn("ivy@example.com", AccountClient.PASSWORD);
        ui.click("crud-button");
        WebElement submit = ui.element("crud-submit");
        assertThat(ui.text("crud-message-counter")).isEqualTo("280");
        assertThat(submit.isEnabled()).as("empty").isFalse();
        assertThat(new org.openqa.selenium.support.ui.Select(ui.element("crud-ttl")).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("7-days");

        ui.element("crud-message").sendKeys("   ");
        assertThat(submit.isEnabled()).as("only spaces").isFalse();

        ui.type("crud-message", "a".repeat(280));
        assertThat(ui.text("crud-message-counter")).isEqualTo("0");
        assertThat(submit.isEnabled()).isTrue();
        ui.element("crud-message").sendKeys("b");
        assertThat(ui.text("crud-message-counter")).isEqualTo("-1");
        assertThat(submit.isEnabled()).as("281 characters").isFalse();
        ui.holdApiPosts();
        submit.submit(); // the form itself refuses too
        assertThat(browser.find(testId("compose")).isDisplayed()).isTrue();
        assertThat(ui.apiPostsSent()).as("posts sent for 281 characters").isZero();

        // 280 bombs are 560 UTF-16 units but 280 characters, for the app as for the server.
        setMessage("\uD83D\uDCA3".repeat(281));
        assertThat(ui.text("crud-message-counter")).isEqualTo("-1");
        assertThat(submit.isEnabled()).isFalse();
        setMessage("\uD83D\uDCA3".repeat(280) + "\n");
        assertThat(ui.text("crud-message-counter")).isEqualTo("0");
        submit.click();
        browser.waitUntil(driver -> ui.apiPostsSent() == 1);
        ui.releaseApiPosts();
        ui.waitForPage("/");
        ui.waitForFirst("feed", "\uD83D\uDCA3".repeat(280));
    }

    @Test
    void theExpiryChoicesAreTheServersInOrderWithSevenDaysChosen() {
        ui.signIn("ivy@example.com", AccountClient.PASSWORD);
        ui.click("crud-button");
        Select ttl = new Select(ui.element("crud-ttl"));

        assertThat(ttl.getOptions()).extracting(option -> option.getAttribute("value"))
                .containsExactlyElementsOf(Ttl.codes());
        assertThat(ttl.getAllSelectedOptions()).extracting(option -> option.getAttribute("value"))
                .containsExactly(Ttl.SEVEN_DAYS.code());
    }

    @Test
    void typingWhileACrudIsOnItsWayDoesNotAllowPostingItTwice() {
        ui.signIn("ivy@example.com", AccountClient.PASSWORD);
        ui.holdApiPosts();
        ui.startCrud("Only once, however slow the network");
        ui.click("crud-submit");
        browser.waitUntil(driver -> ui.apiPostsSent() == 1);

        ui.element("crud-message").sendKeys("!");
        WebElement submit = browser.find(testId("crud-submit"));
        assertThat(submit.isEnabled()).as("the button while the first post is on its way").isFalse();
        browser.script("arguments[0].requestSubmit();", browser.find(By.cssSelector(".compose-form")));
        assertThat(ui.apiPostsSent()).isEqualTo(1);

        ui.releaseApiPosts();
        ui.waitForPage("/");
        ui.waitForFirst("feed", "Only once, however slow the network");
        assertThat(ui.apiPostsSent()).isEqualTo(1);
    }

    @Test
    void typingWhileAReplyIsOnItsWayDoesNotAllowSendingItTwice() {
        ui.signIn("ivy@example.com", AccountClient.PASSWORD);
        ui.open("/cruds/" + api.postCrud(accounts.signIn("ivy@example.com"), "Reply to me once", "1-hour"));
        ui.holdApiPosts();
        ui.type("reply-message", "Only one reply, however slow the network");
        ui.click("reply-submit");
        browser.waitUntil(driver -> ui.apiPostsSent() == 1);

        ui.element("reply-message").sendKeys("!");
        assertThat(browser.find(testId("reply-submit")).isEnabled()).as("the button while the reply is on its way").isFalse();
        browser.script("arguments[0].requestSubmit();", browser.find(By.cssSelector(".reply-form")));
        assertThat(ui.apiPostsSent()).isEqualTo(1);

        ui.releaseApiPosts();
        ui.waitForFirst("replies", "Only one reply, however slow the network");
        assertThat(ui.apiPostsSent()).isEqualTo(1);
        assertThat(ui.activities("replies")).hasSize(1);
    }

    @Test
    void aCrudCanBePostedWithTheKeyboardAloneAndEscapeGivesTheFocusBack() {
        ui.signIn("ivy@example.com", AccountClient.PASSWORD);
        WebElement crudButton = ui.element("crud-button");
        browser.script("arguments[0].focus();", crudButton);
        crudButton.sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.waitUntil(driver -> driver.switchTo().activeElement().equals(driver.findElement(By.id("crud-message"))));

        browser.driver.switchTo().activeElement().sendKeys("Never mind", org.openqa.selenium.Keys.ESCAPE);
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(testId("compose")));
        assertThat(browser.driver.switchTo().activeElement()).as("the focus, back on the Crud button").isEqualTo(crudButton);

        crudButton.sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.waitUntil(driver -> driver.switchTo().activeElement().equals(driver.findElement(By.id("crud-message"))));
        browser.driver.switchTo().activeElement().sendKeys("Typed and posted without a mouse",
                org.openqa.selenium.Keys.TAB, org.openqa.selenium.Keys.TAB, org.openqa.selenium.Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(browser.find(testId("crud-submit")));
        browser.driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        ui.waitForFirst("feed", "Typed and posted without a mouse");
    }

    /** chromedriver types only the Basic Multilingual Plane; emoji go in as a person pasting them would. */
    private static void setMessage(String text) {
        browser.script("const box = document.getElementById('crud-message'); box.value = arguments[0];"
                + " box.dispatchEvent(new Event('input', {bubbles: true}));", text);
    }

    @Test
    void htmlInMessagesAndNamesIsShownAsText() {
        String attack = "<img src=x onerror=alert(1)>";
        ui.signIn("ivy@example.com", AccountClient.PASSWORD);
        WebElement card = ui.postCrud(attack, "1-day");

        assertThat(field(card, "message")).isEqualTo(attack);
        assertThat(field(card, "display-name")).isEqualTo("Ivy <i>Italic</i>");
        assertThat(card.findElements(By.tagName("img"))).isEmpty();
        assertThat(card.findElements(By.tagName("i"))).isEmpty();
        assertThat(ui.text("account-name")).isEqualTo("Ivy <i>Italic</i>");

        String uuid = card.getAttribute("data-uuid");
        card.findElement(testId("age")).click();
        ui.waitForPage("/cruds/" + uuid);
        assertThat(ui.text("message")).isEqualTo(attack);
        assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(browser.driver.getTitle()).contains(attack);
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aWrongConfirmationCodeShowsItsMessageAndANewCodeWorks() {
        ui.signUp("Carl Code", "carl@example.com", "carl_code", AccountClient.PASSWORD);
        String code = SentCodes.confirmationCode("carl@example.com");
        ui.confirm(String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000));
        assertThat(ui.alertText("form-error")).isEqualTo("Invalid verification code provided, please try again.");
        assertThat(ui.text("form-error")).isNotBlank();

        ui.click("confirm-resend");
        browser.waitUntil(driver -> driver.findElement(testId("form-notice")).getText().startsWith("We sent a new code to c***@e***"));
        assertThat(browser.find(testId("form-error")).isDisplayed()).isFalse();
        ui.confirm(code);
        assertThat(ui.alertText("form-error")).as("the old code after a resend")
                .isEqualTo("Invalid verification code provided, please try again.");
        ui.confirmWithTheLoggedCode("carl@example.com");
        ui.signIn("carl@example.com", AccountClient.PASSWORD);
    }

    @Test
    void tooManyWrongPasswordsOrCodesSayToWaitAFewMinutes() {
        String throttled = "Too many attempts, try again in a few minutes.";
        accounts.create("tia@example.com", "Tia Tries", "tia_t");
        accounts.wrongPasswords("tia@example.com", 5);
        ui.open("/signin");
        ui.type("signin-email", "tia@example.com");
        ui.type("signin-password", AccountClient.PASSWORD);
        ui.click("signin-submit");
        assertThat(ui.alertText("form-error")).as("the right password, while throttled").isEqualTo(throttled);
        assertThat(ui.storedSession()).isNull();

        ui.signUp("Cody Guess", "cody@example.com", "cody_g", AccountClient.PASSWORD);
        accounts.wrongConfirmationCodes("cody@example.com", 5);
        ui.confirm(SentCodes.confirmationCode("cody@example.com"));
        assertThat(ui.alertText("form-error")).as("the right code, while throttled").isEqualTo(throttled);
        assertThat(browser.find(By.id("main")).getAttribute("data-page")).isEqualTo("/confirm");
    }

    @Test
    void aWrongPasswordShowsItsMessageAndSignsNobodyIn() {
        ui.open("/signin");
        ui.type("signin-email", "ivy@example.com");
        ui.type("signin-password", "Wr0ng-password");
        ui.click("signin-submit");

        assertThat(ui.alertText("form-error")).isEqualTo("Incorrect username or password.");
        assertThat(browser.find(By.id("main")).getAttribute("data-page")).isEqualTo("/signin");
        assertThat(ui.storedSession()).isNull();
        assertThat(browser.driver.findElements(testId("nav-signout"))).isEmpty();
    }

    @Test
    void theIdentityProvidersRefusalsOfASignUpAreShown() {
        ui.open("/signup");
        ui.type("signup-name", "Ivy Again");
        ui.type("signup-email", "ivy.two@example.com");
        ui.type("signup-username", "IVY_I");
        ui.type("signup-password", AccountClient.PASSWORD);
        ui.click("signup-submit");
        assertThat(ui.alertText("form-error")).isEqualTo("The username 'IVY_I' is taken; choose another one.");

        ui.type("signup-username", "ivy_two");
        ui.type("signup-password", "short");
        ui.click("signup-submit");
        browser.waitUntil(driver -> driver.findElement(testId("form-error")).getText().startsWith("Password did not conform with policy"));
        assertThat(browser.find(By.id("main")).getAttribute("data-page")).isEqualTo("/signup");
    }

    @Test
    void postingWhileSignedOutLeadsToSignInAndBackToTheForm() {
        ui.click("crud-button");
        ui.waitForPage("/signin");
        ui.type("signin-email", "ivy@example.com");
        ui.type("signin-password", AccountClient.PASSWORD);
        ui.click("signin-submit");

        ui.waitForPage("/");
        WebElement message = ui.element("crud-message");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(message);
        message.sendKeys("Signed in on the way to posting");
        ui.click("crud-submit");
        ui.waitForFirst("feed", "Signed in on the way to posting");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/");
    }

    @Test
    void anAccessTokenTheServerRefusesIsRefreshedAndTheRequestRetried() {
        ui.signIn("ivy@example.com", AccountClient.PASSWORD);
        String issued = ui.storedAccessToken();
        // A token whose signature no longer matches: it looks fresh to the app, the API says 401.
        String forged = issued.substring(0, issued.length() - 6) + (issued.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        browser.script("const s = JSON.parse(localStorage.getItem('cruddur.session')); s.accessToken = arguments[0];"
                + " localStorage.setItem('cruddur.session', JSON.stringify(s));", forged);
        assertThat(api.postJson("/api/activities", "{\"message\":\"x\",\"ttl\":\"1-hour\"}", forged).status())
                .isEqualTo(401);
        // Someone follows Ivy, so the count of her unread notifications is one.
        String follower = accounts.create("una@example.com", "Una Unread", "una_u");
        assertThat(api.send("PUT", "/api/users/@ivy_i/follow", follower).status()).isEqualTo(200);
        // As after a reload, the app reads the session from localStorage; on a page that reads
        // nothing else, the first call to send the token is the unread badge's count: refused,
        // refreshed, and asked again, whose answer the badge shows.
        ui.open("/search");
        ui.waitForText(ui.element("unread-badge"), "1");
        assertThat(ui.storedAccessToken()).isNotEqualTo(forged).isNotEqualTo(issued);

        ui.postCrud("Posted through a refused token", "1-hour");

        String now = ui.storedAccessToken();
        assertThat(now).isNotEqualTo(forged).isNotEqualTo(issued);
        assertThat(ui.element("nav-signout").isDisplayed()).isTrue();
    }

    @Test
    void apiErrorsAreShownNextToWhatCausedThem() {
        ui.open("/search?term=" + "a".repeat(101));
        assertThat(ui.alertText("feed-error")).isEqualTo("A search term can be at most 100 characters.");

        ui.open("/cruds/00000000-0000-0000-0000-000000000000");
        assertThat(ui.text("page-error")).contains("There is no crud");

        ui.open("/@nobody_at_all");
        assertThat(ui.text("page-error")).isEqualTo("Nobody has the handle @nobody_at_all.");
    }

    @Test
    void loadMoreFetchesTheNextPageUntilThereIsNoMore() {
        String token = accounts.create("pat@example.com", "Pat Pager", "pat_pager");
        IntStream.rangeClosed(1, 21).forEach(i -> api.postCrud(token, "Page filler number " + i, "1-day"));

        ui.open("/@pat_pager");
        assertThat(ui.waitForFirst("feed", "Page filler number 21")).isNotNull();
        assertThat(ui.activities("feed")).hasSize(20);
        ui.click("load-more");
        browser.waitUntil(driver -> ui.activities("feed").size() == 21);
        assertThat(field(ui.activities("feed").get(20), "message")).isEqualTo("Page filler number 1");
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(testId("load-more")));
    }

    @Test
    void aForgottenPasswordIsReplacedThroughTheEmailedCode() {
        accounts.create("rita@example.com", "Rita Reset", "rita_reset");
        ui.open("/signin");
        ui.click("forgot-link");
        ui.waitForPage("/forgot-password");
        ui.type("forgot-email", "rita@example.com");
        ui.click("forgot-send");
        assertThat(ui.text("form-notice")).isEqualTo("We sent a code to r***@e***.");
        ui.type("forgot-code", SentCodes.passwordResetCode("rita@example.com"));
        ui.type("forgot-password", "N3w-password!");
        ui.click("forgot-submit");
        ui.waitForPage("/signin");
        assertThat(ui.text("form-notice")).contains("password is changed");
        ui.signIn("rita@example.com", "N3w-password!");
    }

    @Test
    void everyInputHasALabel() {
        List<String> pages = List.of("/signup", "/confirm", "/signin", "/forgot-password", "/search");
        for (String page : pages) {
            ui.open(page);
            assertLabelled(page);
        }
        ui.signIn("ivy@example.com", AccountClient.PASSWORD);
        ui.click("crud-button");
        ui.element("crud-message");
        assertLabelled("the crud form");
        browser.find(testId("crud-cancel")).click();
        ui.open("/cruds/" + api.postCrud(accounts.signIn("ivy@example.com"), "Label me", "1-hour"));
        ui.element("reply-message");
        assertLabelled("the reply form");
        ui.open("/@ivy_i");
        ui.click("edit-profile");
        ui.element("edit-bio");
        assertLabelled("the profile editor");
    }

    private static void assertLabelled(String where) {
        List<WebElement> inputs = browser.driver.findElements(By.cssSelector("input, textarea, select"));
        assertThat(inputs).as(where).isNotEmpty();
        for (WebElement input : inputs) {
            if (!input.isDisplayed()) {
                continue;
            }
            String id = input.getAttribute("id");
            assertThat(id).as(where).isNotBlank();
            assertThat(browser.driver.findElements(By.cssSelector("label[for='" + id + "']"))).as(where + ": " + id).hasSize(1);
        }
    }

    @Test
    void theSkipLinkMovesTheFocusToTheContentWithoutRedrawingThePage() {
        ui.open("/search?term=seed");
        ui.waitForFirst("results", "This was imported as seed data!");
        browser.script("document.querySelector('[data-testid=results]').dataset.drawn = 'once';");

        WebElement skip = browser.find(By.cssSelector(".skip-link"));
        browser.script("arguments[0].focus();", skip);
        skip.sendKeys(org.openqa.selenium.Keys.ENTER);

        browser.waitUntil(driver -> driver.getCurrentUrl().endsWith("/search?term=seed#main"));
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(browser.find(By.id("main")));
        assertThat(browser.find(testId("results")).getAttribute("data-drawn")).as("the same page, not a new one")
                .isEqualTo("once");
    }

    @Test
    void anAddressWithATrailingSlashOpensThePageTheServerAnswersItWith() {
        browser.get("/signin/");
        ui.waitForPage("/signin");
        assertThat(ui.element("signin-email").isDisplayed()).isTrue();
        assertThat(browser.driver.getCurrentUrl()).endsWith("/signin");

        browser.get("/@ivy_i/?x=1");
        ui.waitForPage("/@ivy_i");
        assertThat(ui.text("profile-handle")).isEqualTo("@ivy_i");
    }

    @Test
    void anAddressThatIsNoTextIsNotFoundRatherThanAStuckPage() {
        // The server refuses such a path itself (400); in the app it can only come through history.
        browser.script("history.pushState(null, '', '/@%E0%A4'); window.dispatchEvent(new PopStateEvent('popstate'));");
        ui.waitForPage("/@%E0%A4");
        assertThat(ui.text("page-title")).isEqualTo("Nothing here");
    }

    @Test
    void atPhoneWidthNothingScrollsSideways() {
        String token = accounts.signIn("ivy@example.com");
        api.postCrud(token,
                "A long word that must wrap on a phone: Donaudampfschifffahrtsgesellschaftskapitänskajütenschlüsselanhänger",
                "3-hours");
        browser.resize(375, 812);
        ui.open("/");
        ui.waitForFirst("feed", "A long word that must wrap on a phone: Donaudampfschifffahrtsgesellschaftskapitänskajütenschlüsselanhänger");

        long viewport = (Long) browser.script("return document.documentElement.clientWidth;");
        long content = (Long) browser.script("return document.documentElement.scrollWidth;");
        assertThat(content).isLessThanOrEqualTo(viewport);
        assertThat(ui.element("crud-button").isDisplayed()).isTrue();
        assertThat(ui.element("nav-signin").isDisplayed()).isTrue();
        browser.screenshot(WebJourneyTest.SCREENSHOTS.resolve("home-feed-phone.png"));
    }
}
