package dev.cruddur.server.web;

import static dev.cruddur.server.web.CruddurUi.field;
import static dev.cruddur.server.web.CruddurUi.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.activity.Ttl;
import dev.cruddur.testkit.account.AccountClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Direct messages in the web app, in real headless Chromium against a real server: a
 * conversation started from a profile's Message button, the composer (Enter sends, Shift+Enter
 * starts a new line, the counter, the expiry), two people in two browsers each seeing the other's
 * messages arrive without a reload, the refusal of someone who accepts messages only from people
 * they follow, the profile editor's setting, the keyboard alone, phone width, and what the
 * polling costs an open tab. (Paging is {@link WebMessagesPagingTest}'s: its twenty-odd accounts
 * would use up what one client address may sign up on one server.)
 */
class WebMessagesTest extends BrowserPerClass {

    private static final String CONVERSATION = "/messages/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** The second person's browser, for the tests where two people talk. */
    private static Browser otherBrowser;
    private static CruddurUi other;

    @BeforeAll
    static void secondBrowser() {
        otherBrowser = Browser.open(server.port());
        other = new CruddurUi(otherBrowser);
    }

    @AfterAll
    static void closeSecondBrowser() {
        if (otherBrowser != null) {
            otherBrowser.close();
        }
    }

    @BeforeEach
    void signedOut() {
        signedOutAtDesktopSize();
    }

    @Test
    void aConversationStartsFromAProfilesMessageButtonAndTheComposerSendsWithEnter() {
        accounts.create("ada@example.com", "Ada Able", "ada_a");
        String bobToken = accounts.create("bob@example.com", "Bob Builder", "bob_b");
        accounts.create("cat@example.com", "Cat Coder", "cat_c");
        acceptMessagesFrom(bobToken, "Bob Builder", "everyone");
        ui.signIn("ada@example.com", AccountClient.PASSWORD);

        // Cat accepts messages only from people she follows, and follows nobody: no Message button.
        ui.open("/@cat_c");
        ui.element("follow-button");
        assertThat(browser.find(testId("message-button")).isDisplayed()).isFalse();

        // Bob accepts everyone's: Message leads to the composer, which has the focus.
        ui.open("/@bob_b");
        WebElement message = ui.element("message-button");
        assertThat(message.getAttribute("aria-label")).isEqualTo("Message @bob_b");
        message.click();
        ui.waitForPage("/messages/@bob_b");
        assertThat(ui.text("page-title")).isEqualTo("Message Bob Builder");
        WebElement box = ui.element("dm-message");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(box);
        assertThat(ui.text("dm-message-counter")).isEqualTo("1024");
        assertThat(ui.element("dm-submit").isEnabled()).as("empty").isFalse();
        Select ttl = new Select(ui.element("dm-ttl"));
        assertThat(ttl.getOptions()).extracting(option -> option.getAttribute("value")).containsExactlyElementsOf(Ttl.codes());
        assertThat(ttl.getFirstSelectedOption().getAttribute("value")).isEqualTo(Ttl.SEVEN_DAYS.code());
        assertThat(browser.find(By.cssSelector("label[for='dm-message']")).getText()).isEqualTo("Message to Bob Builder");

        // Shift+Enter starts a new line and sends nothing; Enter sends, and the conversation opens.
        ui.recordCalls();
        box.sendKeys("Hello Bob,", Keys.chord(Keys.SHIFT, Keys.ENTER), "a second line");
        assertThat(box.getAttribute("value")).isEqualTo("Hello Bob,\na second line");
        assertThat(ui.recordedCalls()).noneMatch(call -> call.startsWith("POST"));
        box.sendKeys(Keys.ENTER);
        String conversation = waitForConversationPage(ui);
        List<WebElement> bubbles = waitForChat(ui, List.of("Hello Bob,\na second line"));
        assertThat(bubbles.get(0).getAttribute("class")).contains("mine");
        assertThat(field(bubbles.get(0), "expires")).isEqualTo("7d left");
        assertThat(ui.text("page-title")).isEqualTo("Bob Builder");
        assertThat(ui.text("conversation-handle")).isEqualTo("@bob_b");
        assertThat(ui.element("nav-messages").getAttribute("aria-current")).isEqualTo("page");
        assertThat(browser.driver.switchTo().activeElement()).as("ready for the next").isEqualTo(ui.element("dm-message"));
        JsonNode atBob = api.get("/api/messages/" + uuidOf(conversation), bobToken).json();
        assertThat(atBob.get(0).get("message").asText()).isEqualTo("Hello Bob,\na second line");
        assertThat(atBob.get(0).get("handle").asText()).isEqualTo("ada_a");

        // The counter counts characters as people do (a bomb is one): 1,024 fit, 1,025 do not,
        // and then neither the button nor Enter sends anything.
        setMessage("\uD83D\uDCA3".repeat(1025));
        assertThat(ui.text("dm-message-counter")).isEqualTo("-1");
        assertThat(ui.element("dm-submit").isEnabled()).isFalse();
        ui.recordCalls();
        ui.element("dm-message").sendKeys(Keys.ENTER);
        assertThat(ui.recordedCalls()).noneMatch(call -> call.startsWith("POST"));
        setMessage("\uD83D\uDCA3".repeat(1024));
        assertThat(ui.text("dm-message-counter")).isEqualTo("0");
        assertThat(ui.element("dm-submit").isEnabled()).isTrue();

        // Another expiry: the message says so, and so does the server.
        setMessage("Gone within the hour");
        new Select(ui.element("dm-ttl")).selectByValue("1-hour");
        ui.click("dm-submit");
        bubbles = waitForChat(ui, List.of("Hello Bob,\na second line", "Gone within the hour"));
        assertThat(field(bubbles.get(1), "expires")).isEqualTo("1h left");
        assertThat(ui.element("dm-message").getAttribute("value")).as("sent, so cleared").isEmpty();
        JsonNode newest = api.get("/api/messages/" + uuidOf(conversation), bobToken).json().get(0);
        assertThat(Duration.between(Instant.now(), Instant.parse(newest.get("expires_at").asText())).toMinutes())
                .isCloseTo(60, within(2L));

        // Ada deletes it, after confirming: gone for both.
        bubbles.get(1).findElement(testId("delete-message")).click();
        assertThat(ui.element("confirm-dialog").getText()).contains("Delete this message?");
        ui.click("confirm-submit");
        waitForChat(ui, List.of("Hello Bob,\na second line"));
        assertThat(api.get("/api/messages/" + uuidOf(conversation), bobToken).json()).hasSize(1);
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(ui.element("dm-message"));

        // The list: Bob, with the first line of the latest message; Message on his profile now
        // opens this conversation.
        ui.click("back-to-messages");
        ui.waitForPage("/messages");
        WebElement item = ui.element("conversation");
        assertThat(field(item, "display-name")).isEqualTo("Bob Builder");
        assertThat(field(item, "conversation-message")).isEqualTo("Hello Bob,");
        assertThat(item.findElements(testId("conversation-unread"))).as("her own messages").isEmpty();
        ui.open("/@bob_b");
        ui.click("message-button");
        ui.waitForPage(conversation);
        waitForChat(ui, List.of("Hello Bob,\na second line"));
    }

    @Test
    void twoPeopleInTwoBrowsersSeeEachOthersMessagesArriveWithoutAReload() {
        String eveToken = accounts.create("eve@example.com", "Eve Early", "eve_e");
        String fayToken = accounts.create("fay@example.com", "Fay Far", "fay_f");
        acceptMessagesFrom(eveToken, "Eve Early", "everyone");
        acceptMessagesFrom(fayToken, "Fay Far", "everyone");

        // Eve writes first, from Fay's profile.
        ui.signIn("eve@example.com", AccountClient.PASSWORD);
        ui.open("/@fay_f");
        ui.click("message-button");
        ui.waitForPage("/messages/@fay_f");
        ui.element("dm-message").sendKeys("Hi Fay, are you there?", Keys.ENTER);
        String conversation = waitForConversationPage(ui);
        waitForChat(ui, List.of("Hi Fay, are you there?"));

        // Fay signs in elsewhere: her Messages link counts one unread conversation.
        other.open("/");
        other.signIn("fay@example.com", AccountClient.PASSWORD);
        WebElement badge = other.element("messages-badge");
        other.waitForText(badge, "1");
        assertThat(badge.getAttribute("aria-label")).isEqualTo("1 unread conversation");

        // On her list of conversations, a second message from Eve arrives without a reload.
        other.click("nav-messages");
        other.waitForPage("/messages");
        WebElement item = other.element("conversation");
        assertThat(field(item, "conversation-unread")).isEqualTo("1");
        markPage(otherBrowser);
        ui.element("dm-message").sendKeys("I have news", Keys.ENTER);
        waitForChat(ui, List.of("Hi Fay, are you there?", "I have news"));
        otherBrowser.waitUntil(driver -> {
            WebElement fresh = driver.findElement(testId("conversation"));
            return "I have news".equals(field(fresh, "conversation-message"))
                    && "2".equals(field(fresh, "conversation-unread"));
        });
        assertThat(field(other.element("conversation"), "conversation-unread")).isEqualTo("2");

        // Fay opens it: read, so the badge goes; she answers with Enter.
        other.element("conversation").click();
        other.waitForPage(conversation);
        waitForChat(other, List.of("Hi Fay, are you there?", "I have news"));
        otherBrowser.waitUntil(driver -> !badge.isDisplayed());
        assertThat(other.element("chat-message").getAttribute("class")).contains("theirs");
        markPage(browser);
        other.element("dm-message").sendKeys("Here! Tell me", Keys.ENTER);
        waitForChat(other, List.of("Hi Fay, are you there?", "I have news", "Here! Tell me"));

        // Eve sees Fay's answer come in, announced to screen readers, and answers in turn.
        List<WebElement> atEve = waitForChat(ui, List.of("Hi Fay, are you there?", "I have news", "Here! Tell me"));
        assertThat(atEve.get(2).getAttribute("class")).contains("theirs");
        assertThat(ui.element("chat-announcer").getAttribute("aria-live")).isEqualTo("polite");
        browser.waitUntil(driver -> "Fay Far: Here! Tell me".equals(
                driver.findElement(testId("chat-announcer")).getAttribute("textContent")));
        ui.element("dm-message").sendKeys("We have messages now", Keys.ENTER);
        waitForChat(other, List.of("Hi Fay, are you there?", "I have news", "Here! Tell me", "We have messages now"));

        browser.screenshot(WebJourneyTest.SCREENSHOTS.resolve("conversation.png"));

        // Neither page was loaded again: the marks set before are still there.
        assertThat(browser.script("return window.cruddurSamePage === true;")).isEqualTo(true);
        assertThat(otherBrowser.script("return window.cruddurSamePage === true;")).isEqualTo(true);
        other.signOut();
    }

    @Test
    void someoneWhoAcceptsMessagesOnlyFromPeopleTheyFollowIsExplainedAndNothingIsSent() {
        String gusToken = accounts.create("gus@example.com", "Gus Guarded", "gus_g");
        accounts.create("hal@example.com", "Hal Hopeful", "hal_h");
        ui.signIn("hal@example.com", AccountClient.PASSWORD);

        // Gus keeps the default: only people he follows. His page has no Message button, and the
        // address of a first message to him says why.
        ui.open("/@gus_g");
        ui.element("follow-button");
        assertThat(browser.find(testId("message-button")).isDisplayed()).isFalse();
        ui.open("/messages/@gus_g");
        assertThat(ui.text("messages-not-accepted"))
                .isEqualTo("Gus Guarded accepts messages only from people they follow, and does not follow you.");
        assertThat(browser.driver.findElements(testId("dm-message"))).isEmpty();

        // Gus follows Hal: Message appears. Then, while Hal writes, Gus unfollows him again.
        assertThat(api.send("PUT", "/api/users/@hal_h/follow", gusToken).status()).isEqualTo(200);
        ui.open("/@gus_g");
        ui.click("message-button");
        ui.waitForPage("/messages/@gus_g");
        assertThat(api.send("DELETE", "/api/users/@hal_h/follow", gusToken).status()).isEqualTo(200);
        ui.element("dm-message").sendKeys("Hello Gus, may I?", Keys.ENTER);

        // The refusal in words, the message still in the box, nothing stored.
        assertThat(ui.alertText("dm-error")).isEqualTo("Gus Guarded (@gus_g) accepts messages only from people they "
                + "follow, and does not follow you, so your message was not sent.");
        assertThat(ui.element("dm-message").getAttribute("value")).isEqualTo("Hello Gus, may I?");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/messages/@gus_g");
        assertThat(api.get("/api/message_groups", gusToken).json()).isEmpty();
    }

    @Test
    void theProfileEditorSetsWhoMayMessageAndTheProfilesFollow() {
        accounts.create("ivy@example.com", "Ivy Inviting", "ivy_i");
        String janToken = accounts.create("jan@example.com", "Jan Just", "jan_j");
        ui.signIn("ivy@example.com", AccountClient.PASSWORD);
        ui.click("nav-profile");
        ui.waitForPage("/@ivy_i");
        assertThat(browser.driver.findElements(testId("message-button"))).allMatch(button -> !button.isDisplayed());

        // By default only people she follows; she opens her messages to everyone.
        ui.click("edit-profile");
        WebElement everyone = ui.element("edit-messages-from-everyone");
        WebElement following = ui.element("edit-messages-from-following");
        assertThat(following.isSelected()).isTrue();
        assertThat(everyone.isSelected()).isFalse();
        assertThat(ui.text("edit-messages-from")).startsWith("Who can message you");
        ui.recordCalls();
        everyone.click();
        ui.click("edit-save");
        browser.waitUntil(invisibilityOfElementLocated(testId("profile-editor")));
        assertThat(ui.recordedCalls()).contains("POST /api/profile/update 200");
        assertThat(api.get("/api/users/@ivy_i", accounts.signIn("ivy@example.com")).json().get("messages_from").asText())
                .isEqualTo("everyone");
        assertThat(api.get("/api/users/@ivy_i", janToken).json().get("can_message").asBoolean()).isTrue();

        // Opened again, the editor shows her choice, and the name and bio were kept.
        ui.waitForPage("/@ivy_i");
        ui.click("edit-profile");
        assertThat(ui.element("edit-messages-from-everyone").isSelected()).isTrue();
        assertThat(ui.element("edit-display-name").getAttribute("value")).isEqualTo("Ivy Inviting");
        ui.click("edit-cancel");
    }

    @Test
    void theKeyboardAloneSendsAndDeletesAndAtPhoneWidthNothingScrollsSideways() {
        String kimToken = accounts.create("kim@example.com", "Kim Keys", "kim_k");
        String louToken = accounts.create("lou@example.com", "Lou Long-Named Person Of Many Words", "lou_l");
        acceptMessagesFrom(louToken, "Lou Long-Named Person Of Many Words", "everyone");
        String word = "Donaudampfschifffahrtsgesellschaftskapitänskajütenschlüsselanhänger";
        String conversation = "/messages/" + sendMessage(kimToken, "lou_l", "A word that must wrap: " + word);
        ui.signIn("kim@example.com", AccountClient.PASSWORD);
        browser.resize(375, 812);

        // The list and the conversation fit a phone.
        ui.open("/messages");
        ui.element("conversation");
        assertNoSidewaysScroll("the list");
        browser.screenshot(WebJourneyTest.SCREENSHOTS.resolve("messages-phone.png"));
        ui.click("conversation");
        ui.waitForPage(conversation);
        waitForChat(ui, List.of("A word that must wrap: " + word));

        // The keyboard alone: the composer has the focus; type, Enter. With a draft, Tab goes on
        // to the expiry and Send; Shift+Tab back past the composer reaches the newest message's
        // delete button.
        WebElement box = ui.element("dm-message");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(box);
        active().sendKeys("Typed, never clicked", Keys.ENTER);
        waitForChat(ui, List.of("A word that must wrap: " + word, "Typed, never clicked"));
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(box);
        active().sendKeys("A draft");
        active().sendKeys(Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(ui.element("dm-ttl"));
        active().sendKeys(Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(ui.element("dm-submit"));
        active().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB), Keys.chord(Keys.SHIFT, Keys.TAB),
                Keys.chord(Keys.SHIFT, Keys.TAB));
        WebElement delete = browser.driver.switchTo().activeElement();
        assertThat(delete.getAttribute("data-testid")).isEqualTo("delete-message");
        assertThat(delete.getAttribute("aria-label")).isEqualTo("Delete this message");
        active().sendKeys(Keys.ENTER);
        ui.element("confirm-dialog");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(ui.element("confirm-cancel"));
        active().sendKeys(Keys.TAB);
        active().sendKeys(Keys.ENTER);
        waitForChat(ui, List.of("A word that must wrap: " + word));
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(ui.element("dm-message"));
        assertThat(ui.element("dm-message").getAttribute("value")).isEqualTo("A draft");

        assertNoSidewaysScroll("the conversation");
        assertThat(ui.element("dm-submit").isDisplayed()).isTrue();
        browser.screenshot(WebJourneyTest.SCREENSHOTS.resolve("conversation-phone.png"));

        // Lou's profile, with Message beside Follow.
        ui.open("/@lou_l");
        ui.element("message-button");
        ui.element("follow-button");
        assertNoSidewaysScroll("the profile");
    }

    @Test
    void anOpenConversationAsksOnlyForTheUnreadCountsEveryFewSecondsUntilAMessageComes() throws InterruptedException {
        String mayToken = accounts.create("may@example.com", "May Measured", "may_m");
        String nedToken = accounts.create("ned@example.com", "Ned Noisy", "ned_n");
        acceptMessagesFrom(mayToken, "May Measured", "everyone");
        String conversation = "/messages/" + sendMessage(nedToken, "may_m", "Count the requests");
        ui.signIn("may@example.com", AccountClient.PASSWORD);
        ui.open(conversation);
        waitForChat(ui, List.of("Count the requests"));

        // Idle: one request each interval, and none other.
        recordCallTimes();
        Thread.sleep(21_000);
        List<Map<String, Object>> idle = callTimes();
        assertThat(idle).extracting(call -> call.get("call")).containsOnly("GET /api/unread-counts 200");
        assertThat(idle).hasSizeBetween(4, 5);
        double perMinute = 60_000.0 * (idle.size() - 1)
                / (((Number) idle.get(idle.size() - 1).get("at")).doubleValue() - ((Number) idle.get(0).get("at")).doubleValue());
        System.out.printf("Polling cost of an open conversation: %.1f requests per minute%n", perMinute);
        assertThat(perMinute).isBetween(10.0, 14.0);

        // A message comes: the counts say so, the conversation's first page is read once (which
        // marks it read), and the counts are asked again for the badge.
        recordCallTimes();
        sendMessage(nedToken, "may_m", "And one more");
        waitForChat(ui, List.of("Count the requests", "And one more"));
        browser.waitUntil(driver -> {
            List<String> calls = calls();
            int read = calls.indexOf("GET /api/messages/… 200");
            return read >= 0 && calls.lastIndexOf("GET /api/unread-counts 200") > read;
        });
        assertThat(calls()).containsSubsequence("GET /api/unread-counts 200", "GET /api/messages/… 200", "GET /api/unread-counts 200")
                .containsOnly("GET /api/unread-counts 200", "GET /api/messages/… 200")
                .filteredOn(call -> call.startsWith("GET /api/messages/")).hasSize(1);
    }

    // ---------- helpers ----------

    static void acceptMessagesFrom(String token, String name, String whom) {
        assertThat(api.postJson("/api/profile/update",
                "{\"display_name\":\"" + name + "\",\"bio\":\"\",\"messages_from\":\"" + whom + "\"}", token).status())
                .isEqualTo(200);
    }

    /** Sends a message over the API; returns its conversation's uuid. */
    static String sendMessage(String token, String handle, String message) {
        var response = api.postJson("/api/messages",
                "{\"message\":\"" + message + "\",\"ttl\":\"1-day\",\"handle\":\"" + handle + "\"}", token);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("message_group_uuid").asText();
    }

    /** Waits until the app has moved on to a conversation's own page; returns its path. */
    private static String waitForConversationPage(CruddurUi on) {
        String url = on.browser.waitUntil(driver -> driver.getCurrentUrl().matches(".*" + CONVERSATION + "$")
                ? driver.getCurrentUrl() : null);
        String path = url.substring(on.browser.baseUrl.length());
        on.waitForPage(path);
        return path;
    }

    private static String uuidOf(String conversationPath) {
        return conversationPath.substring("/messages/".length());
    }

    /** Waits until the chat shows exactly these messages, oldest first; returns their items. */
    static List<WebElement> waitForChat(CruddurUi on, List<String> messages) {
        return on.browser.waitUntil(driver -> {
            List<WebElement> items = driver.findElements(By.cssSelector("[data-testid='chat'] [data-testid='chat-message']"));
            return items.stream().map(item -> field(item, "message")).toList().equals(messages) ? items : null;
        });
    }

    private static void setMessage(String text) {
        browser.script("const box = document.getElementById('dm-message'); box.value = arguments[0];"
                + " box.dispatchEvent(new Event('input', {bubbles: true}));", text);
    }

    /** A mark on the page that a reload would take away. */
    private static void markPage(Browser on) {
        on.script("window.cruddurSamePage = true;");
    }

    private static WebElement active() {
        return browser.driver.switchTo().activeElement();
    }

    private static void assertNoSidewaysScroll(String where) {
        long viewport = (Long) browser.script("return document.documentElement.clientWidth;");
        long content = (Long) browser.script("return document.documentElement.scrollWidth;");
        assertThat(content).as(where).isLessThanOrEqualTo(viewport);
    }

    /** From now on, each call the app makes to the API is recorded with the time it was answered. */
    private static void recordCallTimes() {
        browser.script("window.cruddurCallTimes = []; window.cruddurRealFetch ??= window.fetch;"
                + " const realFetch = window.cruddurRealFetch;"
                + " window.fetch = async (url, init = {}) => {"
                + "   const response = await realFetch(url, init);"
                + "   window.cruddurCallTimes.push({call: (init.method ?? 'GET') + ' ' + new URL(url, location.href).pathname"
                + "     + ' ' + response.status, at: performance.now()});"
                + "   return response;"
                + " };");
    }

    /** The calls recorded, a conversation's uuid as "…". */
    private static List<String> calls() {
        return callTimes().stream().map(call -> ((String) call.get("call")).replaceFirst("/api/messages/\\S+", "/api/messages/…"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> callTimes() {
        return (List<Map<String, Object>>) browser.script("return window.cruddurCallTimes;");
    }
}
