package dev.cruddur.server.web;

import static dev.cruddur.server.web.CruddurUi.field;
import static dev.cruddur.server.web.CruddurUi.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;

import dev.cruddur.testkit.account.AccountClient;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The social side of the web app, journeys in real headless Chromium against a real server:
 * likes and reposts, deleting one's own cruds and replies, mentions, profiles with follows and
 * the lists of followers and followed, and the profile editor.
 */
class WebSocialTest extends BrowserPerClass {

    private static String bobToken;
    private static String catToken;

    @BeforeAll
    static void accountsOfThisClass() {
        accounts.create("ada@example.com", "Ada Able", "ada_a");
        bobToken = accounts.create("bob@example.com", "Bob Builder", "bob_b");
        catToken = accounts.create("cat@example.com", "Cat Coder", "cat_c");
        accounts.create("dee@example.com", "Dee Draft", "dee_d");
    }

    @BeforeEach
    void signedOut() {
        signedOutAtDesktopSize();
    }

    @Test
    void likesAndRepostsShowTheirCountsAndPressedStateAndSurviveAReload() {
        String uuid = api.postCrud(bobToken, "Like this crud, or repost it", "1-day");
        ui.open("/?feed=everyone"); // Ada follows nobody: Bob's crud is in everyone's feed

        // Signed out, the buttons show the counts; a press leads to sign in, and back.
        WebElement like = ui.card(uuid).findElement(testId("like"));
        assertThat(like.getAttribute("aria-label")).isEqualTo("Like, 0 likes");
        assertThat(like.getAttribute("aria-pressed")).isEqualTo("false");
        like.click();
        ui.waitForPage("/signin");
        ui.signIn("ada@example.com", AccountClient.PASSWORD);
        ui.waitForPage("/");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/?feed=everyone");

        // A click likes it: pressed, with the count the server answered.
        like = ui.card(uuid).findElement(testId("like"));
        like.click();
        ui.waitForAttribute(like, "aria-pressed", "true");
        assertThat(like.getAttribute("aria-label")).isEqualTo("Like, 1 like");
        assertThat(field(ui.card(uuid), "likes-count")).isEqualTo("1");

        // The keyboard reposts it, and the focus stays on the button.
        WebElement repost = ui.card(uuid).findElement(testId("repost"));
        browser.script("arguments[0].focus();", repost);
        browser.driver.switchTo().activeElement().sendKeys(Keys.SPACE);
        ui.waitForAttribute(repost, "aria-pressed", "true");
        assertThat(repost.getAttribute("aria-label")).isEqualTo("Repost, 1 repost");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(repost);

        // Bob likes it too; after a reload the page shows both likes and Ada's own marks.
        assertThat(api.send("PUT", "/api/activities/" + uuid + "/like", bobToken).status()).isEqualTo(200);
        ui.open("/?feed=everyone");
        WebElement card = ui.card(uuid);
        assertThat(card.findElement(testId("like")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(card.findElement(testId("like")).getAttribute("aria-label")).isEqualTo("Like, 2 likes");
        assertThat(card.findElement(testId("repost")).getAttribute("aria-pressed")).isEqualTo("true");

        // Taken back, both: the counts go down, and the crud's own page says the same.
        like = card.findElement(testId("like"));
        like.click();
        ui.waitForAttribute(like, "aria-pressed", "false");
        repost = card.findElement(testId("repost"));
        repost.click();
        ui.waitForAttribute(repost, "aria-pressed", "false");
        ui.open("/cruds/" + uuid);
        card = ui.card(uuid);
        assertThat(card.findElement(testId("like")).getAttribute("aria-label")).isEqualTo("Like, 1 like");
        assertThat(card.findElement(testId("like")).getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(card.findElement(testId("repost")).getAttribute("aria-label")).isEqualTo("Repost, 0 reposts");
        assertThat(card.findElement(testId("repost")).getAttribute("aria-pressed")).isEqualTo("false");
    }

    @Test
    void anAuthorDeletesTheirCrudsAndRepliesAfterConfirmingAndNobodyElses() {
        String adaToken = accounts.signIn("ada@example.com");
        String bobs = api.postCrud(bobToken, "Bob's crud, which Ada cannot delete", "1-day");
        String first = api.postCrud(adaToken, "Ada deletes this one from the feed", "1-day");
        ui.signIn("ada@example.com", AccountClient.PASSWORD);
        ui.open("/?feed=everyone");
        assertThat(ui.card(bobs).findElements(testId("delete"))).isEmpty();

        // The dialog asks first, with the focus on Cancel; cancelled, nothing is deleted.
        ui.card(first).findElement(testId("delete")).click();
        WebElement dialog = ui.element("confirm-dialog");
        assertThat(dialog.getAttribute("role")).isEqualTo("alertdialog");
        assertThat(dialog.getText()).contains("Delete this crud?");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(browser.find(testId("confirm-cancel")));
        ui.click("confirm-cancel");
        browser.waitUntil(invisibilityOfElementLocated(testId("confirm-dialog")));
        assertThat(api.get("/api/activities/" + first).status()).isEqualTo(200);

        // Confirmed: gone from the feed and from the server; Bob's stays.
        ui.card(first).findElement(testId("delete")).click();
        ui.click("confirm-submit");
        browser.waitUntil(invisibilityOfElementLocated(By.cssSelector("[data-uuid='" + first + "']")));
        assertThat(api.get("/api/activities/" + first).status()).isEqualTo(404);
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(browser.find(testId("page-title")));
        ui.card(bobs);

        // Deleted on its own page, a crud leads back home, her timeline, where it is no more.
        String second = api.postCrud(adaToken, "Ada deletes this one from its page", "1-day");
        ui.open("/cruds/" + second);
        ui.card(second).findElement(testId("delete")).click();
        ui.click("confirm-submit");
        ui.waitForPage("/");
        assertThat(ui.element("tab-following").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(ui.activities("feed")).noneMatch(card -> second.equals(card.getAttribute("data-uuid")));

        // Her reply to Bob's crud leaves its page, and the crud's count of replies.
        String reply = api.postJson("/api/activities/" + bobs + "/reply", "{\"message\":\"A reply Ada takes back\"}",
                adaToken).json().get("uuid").asText();
        ui.open("/cruds/" + bobs);
        assertThat(field(ui.card(bobs), "replies-count")).isEqualTo("1");
        ui.card(reply).findElement(testId("delete")).click();
        assertThat(ui.element("confirm-dialog").getText()).contains("Delete this reply?");
        ui.click("confirm-submit");
        ui.element("no-replies");
        assertThat(field(ui.card(bobs), "replies-count")).isEqualTo("0");
    }

    @Test
    void aMentionLeadsToAProfileWhereFollowingChangesTheCountsAndTheListsShowWhoFollowsWhom() {
        assertThat(api.send("PUT", "/api/users/@ada_a/follow", catToken).status()).isEqualTo(200);
        String uuid = api.postCrud(bobToken, "Say hello to @cat_c, new here (mail: cat@example.com)", "1-day");
        ui.signIn("ada@example.com", AccountClient.PASSWORD);
        ui.open("/?feed=everyone");

        // The mention is a link to Cat's page; the email address is text.
        List<WebElement> mentions = ui.card(uuid).findElements(testId("mention"));
        assertThat(mentions).extracting(WebElement::getText).containsExactly("@cat_c");
        assertThat(field(ui.card(uuid), "message")).isEqualTo("Say hello to @cat_c, new here (mail: cat@example.com)");
        mentions.get(0).click();
        ui.waitForPage("/@cat_c");
        assertThat(ui.text("profile-name")).isEqualTo("Cat Coder");
        assertThat(ui.text("follows-you")).isEqualTo("Follows you");
        assertThat(ui.text("following-count")).isEqualTo("1");

        // Follow: the button turns to Unfollow and Cat has one follower.
        WebElement followers = ui.element("followers-count");
        assertThat(followers.getText()).isEqualTo("0");
        WebElement follow = ui.element("follow-button");
        assertThat(follow.getText()).isEqualTo("Follow");
        follow.click();
        ui.waitForText(follow, "Unfollow");
        assertThat(followers.getText()).isEqualTo("1");

        // Cat's followers: Ada, who links to her own page (no Follow there, and her counts).
        ui.click("followers-link");
        ui.waitForPage("/@cat_c/followers");
        assertThat(ui.text("page-title")).isEqualTo("Followers of @cat_c");
        WebElement person = ui.element("person");
        assertThat(browser.driver.findElements(By.cssSelector("[data-testid='people'] [data-testid='person']")))
                .hasSize(1);
        assertThat(field(person, "handle")).isEqualTo("@ada_a");
        person.findElement(testId("display-name")).click();
        ui.waitForPage("/@ada_a");
        assertThat(ui.text("following-count")).isEqualTo("1");
        assertThat(ui.text("followers-count")).isEqualTo("1");
        assertThat(ui.element("edit-profile").isDisplayed()).isTrue();
        assertThat(browser.driver.findElements(testId("follow-button"))).isEmpty();
        assertThat(browser.find(testId("follows-you")).isDisplayed()).as("on her own page").isFalse();

        // Whom Ada follows: Cat; there, Unfollow takes the follower back, also after a reload.
        ui.click("following-link");
        ui.waitForPage("/@ada_a/following");
        ui.element("person").findElement(testId("handle")).click();
        ui.waitForPage("/@cat_c");
        follow = ui.element("follow-button");
        assertThat(follow.getText()).isEqualTo("Unfollow");
        follow.click();
        ui.waitForText(follow, "Follow");
        assertThat(ui.text("followers-count")).isEqualTo("0");
        ui.open("/@cat_c");
        assertThat(ui.text("followers-count")).isEqualTo("0");
        assertThat(ui.text("follow-button")).isEqualTo("Follow");
    }

    @Test
    void theProfileEditorSavesNameAndBioAndShowsWhatTheServerRefusesBesideItsField() {
        ui.signIn("dee@example.com", AccountClient.PASSWORD);
        ui.click("nav-profile");
        ui.waitForPage("/@dee_d");
        assertThat(browser.find(testId("profile-bio")).isDisplayed()).as("no bio yet").isFalse();
        ui.click("edit-profile");
        WebElement name = ui.element("edit-display-name");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(name);
        assertThat(name.getAttribute("value")).isEqualTo("Dee Draft");
        WebElement save = ui.element("edit-save");
        ui.recordCalls();

        // 160 characters fit; with the 161st the counter goes below zero and nothing is sent.
        ui.type("edit-bio", "b".repeat(160));
        assertThat(ui.text("edit-bio-counter")).isEqualTo("0");
        assertThat(save.isEnabled()).isTrue();
        ui.element("edit-bio").sendKeys("b");
        assertThat(ui.text("edit-bio-counter")).isEqualTo("-1");
        assertThat(save.isEnabled()).isFalse();
        browser.script("arguments[0].form.requestSubmit();", save);

        // What only the server judges comes back under its field: a name of 101 characters, a
        // text-direction override in the bio.
        ui.type("edit-display-name", "D".repeat(101));
        browser.script("const box = document.getElementById('edit-bio'); box.value = arguments[0];"
                + " box.dispatchEvent(new Event('input', {bubbles: true}));", "About me\u202E");
        ui.click("edit-save");
        assertThat(ui.alertText("edit-display-name-error"))
                .isEqualTo("The name is 101 characters long; the limit is 100.");
        assertThat(ui.alertText("edit-bio-error")).startsWith("The bio contains a character that cannot be shown");
        assertThat(name.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find(testId("edit-error")).isDisplayed()).isFalse();

        // Put right and saved: the page, and the sidebar, show the new name and bio.
        ui.type("edit-display-name", "Dee Done");
        ui.type("edit-bio", "Writes cruds.\nDeletes them too.");
        ui.click("edit-save");
        browser.waitUntil(invisibilityOfElementLocated(testId("profile-editor")));
        browser.waitUntil(driver -> "Dee Done".equals(driver.findElement(testId("profile-name")).getText()));
        assertThat(ui.text("profile-bio")).isEqualTo("Writes cruds.\nDeletes them too.");
        assertThat(ui.text("account-name")).isEqualTo("Dee Done");
        assertThat(ui.recordedCalls()).filteredOn(call -> call.contains("/api/profile/update"))
                .containsExactly("POST /api/profile/update 422", "POST /api/profile/update 200");

        // At phone width the profile and the cards with their buttons fit without scrolling sideways.
        String crud = "A long word that must wrap: Donaudampfschifffahrtsgesellschaftskapitänskajütenschlüsselanhänger";
        api.postCrud(accounts.signIn("dee@example.com"), crud, "3-hours");
        browser.resize(375, 812);
        ui.open("/@dee_d");
        assertThat(ui.text("profile-bio")).as("after a reload").isEqualTo("Writes cruds.\nDeletes them too.");
        ui.waitForFirst("feed", crud).findElement(testId("delete"));
        long viewport = (Long) browser.script("return document.documentElement.clientWidth;");
        long content = (Long) browser.script("return document.documentElement.scrollWidth;");
        assertThat(content).isLessThanOrEqualTo(viewport);
        browser.screenshot(WebJourneyTest.SCREENSHOTS.resolve("profile-phone.png"));
    }
}
