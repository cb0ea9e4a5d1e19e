package dev.cruddur.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.SentCodes;
import java.util.List;
import java.util.Objects;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * What a person does in the web app, step by step, in a {@link Browser}: each action waits for
 * the page to show its result (never for a fixed time). Elements are found by their
 * {@code data-testid} or id.
 */
final class CruddurUi {

    final Browser browser;

    CruddurUi(Browser browser) {
        this.browser = browser;
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Opens an address of the app and waits until its page is drawn. */
    void open(String pathAndQuery) {
        browser.get(pathAndQuery);
        waitForPage(pathAndQuery.replaceFirst("[?#].*", ""));
    }

    /** Waits until the app shows the page for this path (the router marks {@code main} when done). */
    void waitForPage(String path) {
        browser.waitUntil(driver -> {
            WebElement main = driver.findElement(By.id("main"));
            return path.equals(main.getAttribute("data-page")) && main.getAttribute("aria-busy") == null;
        });
    }

    WebElement element(String testId) {
        return browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(testId(testId)));
    }

    String text(String testId) {
        return element(testId).getText();
    }

    void type(String testId, String text) {
        WebElement input = element(testId);
        input.clear();
        input.sendKeys(text);
    }

    void click(String testId) {
        browser.waitUntil(ExpectedConditions.elementToBeClickable(testId(testId))).click();
    }

    /** The cruds of the feed on the page, top first. */
    List<WebElement> activities(String feedTestId) {
        return browser.driver.findElements(By.cssSelector("[data-testid='" + feedTestId + "'] [data-testid='activity']"));
    }

    /** Waits until the feed's first card carries this message, and returns that card. */
    WebElement waitForFirst(String feedTestId, String message) {
        return browser.waitUntil(driver -> {
            List<WebElement> cards = activities(feedTestId);
            return !cards.isEmpty() && message.equals(field(cards.get(0), "message")) ? cards.get(0) : null;
        });
    }

    /** Waits until a card with this message is in the feed, and returns it. */
    WebElement waitForActivity(String feedTestId, String message) {
        return browser.waitUntil(driver -> activities(feedTestId).stream()
                .filter(card -> message.equals(field(card, "message")))
                .findFirst().orElse(null));
    }

    /** Waits until the page shows the card of this crud or reply, and returns it. */
    WebElement card(String uuid) {
        return browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='activity'][data-uuid='" + uuid + "']")));
    }

    /** Waits until the element's attribute has this value (null: until it has none). */
    void waitForAttribute(WebElement element, String attribute, String value) {
        browser.waitUntil(driver -> Objects.equals(element.getAttribute(attribute), value));
    }

    /** Waits until the element reads this text. */
    void waitForText(WebElement element, String text) {
        browser.waitUntil(driver -> text.equals(element.getText()));
    }

    static String field(WebElement card, String testId) {
        return card.findElement(testId(testId)).getText();
    }

    /** The alert next to a form, once it says something. */
    String alertText(String testId) {
        return browser.waitUntil(driver -> {
            String text = driver.findElement(testId(testId)).getText();
            return text.isBlank() ? null : text;
        });
    }

    void signUp(String name, String email, String handle, String password) {
        open("/signup");
        type("signup-name", name);
        type("signup-email", email);
        type("signup-username", handle);
        type("signup-password", password);
        click("signup-submit");
        waitForPage("/confirm");
    }

    /** On the confirmation page: enters the code and confirms. */
    void confirm(String code) {
        type("confirm-code", code);
        click("confirm-submit");
    }

    void confirmWithTheLoggedCode(String email) {
        confirm(SentCodes.confirmationCode(email));
        waitForPage("/signin");
    }

    /** Signs in from the sign-in page (opened when not already there); waits until signed in. */
    void signIn(String email, String password) {
        if (!"/signin".equals(browser.find(By.id("main")).getAttribute("data-page"))) {
            open("/signin");
        }
        type("signin-email", email);
        type("signin-password", password);
        click("signin-submit");
        element("nav-signout");
    }

    void signOut() {
        click("nav-signout");
        element("nav-signin");
        waitForPage("/");
    }

    /** Opens the Crud form (signed in) and types a message; the form stays open. */
    void startCrud(String message) {
        click("crud-button");
        element("crud-message").sendKeys(message);
    }

    /** Posts a crud through the form and waits until it tops the home feed. */
    WebElement postCrud(String message, String ttl) {
        startCrud(message);
        new Select(element("crud-ttl")).selectByValue(ttl);
        click("crud-submit");
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(testId("compose")));
        waitForPage("/");
        return waitForFirst("feed", message);
    }

    /**
     * From now until the next page load, the app's POSTs to the API are counted and held back
     * until {@link #releaseApiPosts} (a slow network, made deterministic).
     */
    void holdApiPosts() {
        browser.script("window.cruddurTest = {posts: 0, held: []}; window.cruddurRealFetch ??= window.fetch;"
                + " const realFetch = window.cruddurRealFetch;"
                + " window.fetch = (url, init) => {"
                + "   if (!(init && init.method === 'POST' && String(url).startsWith('/api/'))) { return realFetch(url, init); }"
                + "   window.cruddurTest.posts++;"
                + "   return new Promise((resolve, reject) => window.cruddurTest.held.push("
                + "     () => realFetch(url, init).then(resolve, reject)));"
                + " };");
    }

    /**
     * From now until the next page load, each call the app makes to the API or to Cognito is
     * recorded as "POST /api/activities 201" or "InitiateAuth 200" ({@link #recordedCalls});
     * calling it again starts a new record.
     */
    void recordCalls() {
        browser.script("window.cruddurCalls = []; window.cruddurRealFetch ??= window.fetch;"
                + " const realFetch = window.cruddurRealFetch;"
                + " window.fetch = async (url, init = {}) => {"
                + "   const target = init.headers && init.headers['X-Amz-Target'];"
                + "   const name = target ? target.replace(/^.*\\./, '') : (init.method ?? 'GET') + ' ' + new URL(url, location.href).pathname;"
                + "   const response = await realFetch(url, init);"
                + "   window.cruddurCalls.push(name + ' ' + response.status);"
                + "   return response;"
                + " };");
    }

    @SuppressWarnings("unchecked")
    List<String> recordedCalls() {
        return (List<String>) browser.script("return window.cruddurCalls;");
    }

    /** How many POSTs to the API the app has sent since {@link #holdApiPosts}. */
    long apiPostsSent() {
        return (Long) browser.script("return window.cruddurTest.posts;");
    }

    void releaseApiPosts() {
        browser.script("const held = window.cruddurTest.held; window.cruddurTest.held = []; held.forEach((go) => go());");
    }

    /** The session the app keeps in localStorage (JSON), or null. */
    String storedSession() {
        return (String) browser.script("return window.localStorage.getItem('cruddur.session');");
    }

    String storedAccessToken() {
        String session = storedSession();
        assertThat(session).as("the stored session").isNotNull();
        return session.replaceFirst(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }
}
