package dev.cruddur.server.web;

import static dev.cruddur.server.web.CruddurUi.field;
import static dev.cruddur.server.web.CruddurUi.testId;
import static dev.cruddur.server.web.WebMessagesTest.acceptMessagesFrom;
import static dev.cruddur.server.web.WebMessagesTest.sendMessage;
import static dev.cruddur.server.web.WebMessagesTest.waitForChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;

import dev.cruddur.testkit.account.AccountClient;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Direct messages a page at a time in the web app, in real headless Chromium against a real
 * server: more conversations than a page of the list, more messages than a page of a
 * conversation. A class of its own: its twenty-two accounts are most of the sign-ups the
 * development provider allows one client address on one server.
 */
class WebMessagesPagingTest extends BrowserPerClass {

    @BeforeEach
    void signedOut() {
        signedOutAtDesktopSize();
    }

    @Test
    void olderMessagesAndMoreConversationsComeOnDemandAndWhatWasReadStaysInPlace() {
        String oliToken = accounts.create("oli@example.com", "Oli Often", "oli_o");
        acceptMessagesFrom(oliToken, "Oli Often", "everyone");
        for (int i = 1; i <= 20; i++) {
            sendMessage(accounts.create("pen" + i + "@example.com", "Pen Pal " + i, "pen_" + i), "oli_o", "Hello from pal " + i);
        }
        String piaToken = accounts.create("pia@example.com", "Pia Plenty", "pia_p");
        String conversation = null;
        for (int i = 1; i <= 25; i++) {
            conversation = "/messages/" + sendMessage(piaToken, "oli_o", "Message " + i);
        }
        ui.signIn("oli@example.com", AccountClient.PASSWORD);

        // Twenty-one conversations: the latest first (Pia's, 25 unread), the twenty-first after "Load more".
        ui.open("/messages");
        List<WebElement> items = browser.waitUntil(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("[data-testid='conversations'] [data-testid='conversation']"));
            return found.size() == 20 ? found : null;
        });
        assertThat(field(items.get(0), "display-name")).isEqualTo("Pia Plenty");
        assertThat(field(items.get(0), "conversation-message")).isEqualTo("Message 25");
        assertThat(items.get(0).findElement(testId("conversation-unread")).getAttribute("aria-label"))
                .isEqualTo("25 unread messages");
        assertThat(field(items.get(1), "conversation-message")).isEqualTo("Hello from pal 20");
        ui.click("load-more");
        browser.waitUntil(driver -> driver.findElements(By.cssSelector("[data-testid='conversation']")).size() == 21);
        assertThat(field(browser.driver.findElements(testId("conversation")).get(20), "conversation-message"))
                .isEqualTo("Hello from pal 1");

        // Pia's conversation: the newest twenty, the newest at the bottom; older ones above on demand.
        ui.open(conversation);
        List<String> newest = IntStream.rangeClosed(6, 25).mapToObj(i -> "Message " + i).toList();
        waitForChat(ui, newest);
        WebElement older = ui.element("older-messages");
        browser.script("arguments[0].scrollIntoView();", older);
        WebElement sixth = browser.find(By.cssSelector("[data-testid='chat-message']"));
        double top = ((Number) browser.script("return arguments[0].getBoundingClientRect().top;", sixth)).doubleValue();
        older.click();
        waitForChat(ui, IntStream.rangeClosed(1, 25).mapToObj(i -> "Message " + i).toList());
        assertThat(((Number) browser.script("return arguments[0].getBoundingClientRect().top;", sixth)).doubleValue())
                .as("the message read before stays where it was").isCloseTo(top, within(2.0));
        browser.waitUntil(invisibilityOfElementLocated(testId("older-messages")));
    }
}
