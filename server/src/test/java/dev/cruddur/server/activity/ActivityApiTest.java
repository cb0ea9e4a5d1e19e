package dev.cruddur.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every activity route over real HTTP, against a real PostgreSQL, with real signed tokens. */
class ActivityApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    private static SignedUpUser alice;
    private static SignedUpUser bob;

    @BeforeAll
    static void start() {
        alice = app.register("alice", "Alice Liddell");
        bob = app.register("Bob_99", "Bob Builder");
    }

    private static String tokenOf(SignedUpUser user) {
        return app.tokenOf(user);
    }

    private static JsonNode post(SignedUpUser author, String message, String ttl) {
        Response response = app.api().postJson("/api/activities",
                "{\"message\":" + quote(message) + ",\"ttl\":" + quote(ttl) + "}", tokenOf(author));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static String quote(String text) {
        return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void postReturnsTheCreatedCrudAttributedToTheTokensUser() {
        Response response = app.api().postJson("/api/activities", "{\"message\":\"Hello #cruddur\",\"ttl\":\"1-hour\"}",
                tokenOf(bob));

        assertThat(response.status()).isEqualTo(201);
        JsonNode crud = response.json();
        assertThat(crud.get("handle").asText()).isEqualTo("Bob_99");
        assertThat(crud.get("display_name").asText()).isEqualTo("Bob Builder");
        assertThat(crud.get("message").asText()).isEqualTo("Hello #cruddur");
        assertThat(crud.get("replies_count").asInt()).isZero();
        assertThat(crud.get("reposts_count").asInt()).isZero();
        assertThat(crud.get("likes_count").asInt()).isZero();
        assertThat(crud.get("reply_to_activity_uuid").isNull()).isTrue();
        assertThat(response.header("Location")).isEqualTo("/api/activities/" + crud.get("uuid").asText());
        OffsetDateTime created = OffsetDateTime.parse(crud.get("created_at").asText());
        OffsetDateTime expires = OffsetDateTime.parse(crud.get("expires_at").asText());
        assertThat(Duration.between(created, expires)).isEqualTo(Duration.ofHours(1));
        assertThat(crud.fieldNames()).toIterable().containsExactlyInAnyOrder("uuid", "display_name", "handle",
                "message", "replies_count", "reposts_count", "likes_count", "reply_to_activity_uuid", "expires_at",
                "created_at", "liked_by_me", "reposted_by_me");
        assertThat(crud.get("liked_by_me").asBoolean()).isFalse();
        assertThat(crud.get("reposted_by_me").asBoolean()).isFalse();
    }

    @Test
    void homeFeedIsABareArrayNewestFirstAndPagesThroughHeaders() {
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            posted.add(post(alice, "paging test " + i, "1-day").get("uuid").asText());
        }

        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String path = "/api/activities/home?limit=3";
        int pages = 0;
        while (path != null) {
            Response page = app.api().get(path);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().isArray()).isTrue();
            assertThat(page.json().size()).isLessThanOrEqualTo(3);
            page.json().forEach(a -> {
                assertThat(seen.add(a.get("uuid").asText())).as("no duplicates across pages").isTrue();
                order.add(a.get("uuid").asText());
            });
            String cursor = page.header("X-Next-Cursor");
            if (cursor != null) {
                assertThat(page.header("Link")).contains("cursor=" + cursor).contains("rel=\"next\"");
            }
            path = cursor == null ? null : "/api/activities/home?limit=3&cursor=" + cursor;
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(3);
        // newest first: the last one posted comes first among ours, in reverse posting order
        List<String> ours = order.stream().filter(posted::contains).toList();
        List<String> expected = new ArrayList<>(posted);
        java.util.Collections.reverse(expected);
        assertThat(ours).containsExactlyElementsOf(expected);
    }

    @Test
    void badPagingParametersAre422() {
        for (String limit : List.of("0", "-1", "101", "abc", "99999999999999999999")) {
            Response response = app.api().get("/api/activities/home?limit=" + limit);
            assertThat(response.status()).as(limit).isEqualTo(422);
            assertThat(response.errorCodes()).containsExactly("limit_invalid");
        }
        Response forged = app.api().get("/api/activities/home?cursor=Zm9yZ2Vk");
        assertThat(forged.status()).isEqualTo(422);
        assertThat(forged.errorCodes()).containsExactly("cursor_invalid");
    }

    @Test
    void userFeedFindsTheHandleIgnoringCaseAnd404sOtherwise() {
        String uuid = post(bob, "from bob's page", "3-days").get("uuid").asText();

        Response page = app.api().get("/api/activities/@bob_99");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().findValuesAsText("uuid")).contains(uuid);
        assertThat(page.json().findValuesAsText("handle")).containsOnly("Bob_99");

        for (String handle : List.of("nobody", "not%20valid!", "x".repeat(40), "%E2%9C%93", "")) {
            Response missing = app.api().get("/api/activities/@" + handle);
            assertThat(missing.status()).as(handle).isEqualTo(404);
            assertThat(missing.errorCodes()).containsExactly("user_not_found");
        }
    }

    @Test
    void searchMatchesWordsAndHashtagsIgnoringCase() {
        String tagged = post(alice, "Shipping the #JavaRewrite today", "1-day").get("uuid").asText();
        String plain = post(bob, "javarewrite is a word here", "1-day").get("uuid").asText();

        assertThat(search("#javarewrite")).contains(tagged).doesNotContain(plain);
        assertThat(search("JAVAREWRITE")).contains(tagged, plain);
        assertThat(search("javarewr")).doesNotContain(tagged, plain);

        // The next-page link repeats the search, not just the position.
        Response firstPage = app.api().get("/api/activities/search?term=%23JavaRewrite&limit=1");
        Response moreMatches = app.api().get("/api/activities/search?term=javarewrite&limit=1");
        assertThat(firstPage.header("Link")).isNull();
        assertThat(moreMatches.header("Link")).startsWith("</api/activities/search?term=javarewrite&limit=1&cursor=");

        Response blank = app.api().get("/api/activities/search?term=%20");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.errorCodes()).containsExactly("term_blank");
        assertThat(app.api().get("/api/activities/search").errorCodes()).containsExactly("term_blank");
        Response tooLong = app.api().get("/api/activities/search?term=" + "a".repeat(101));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.errorCodes()).containsExactly("term_exceed_max_chars");
        Response nul = app.api().get("/api/activities/search?term=a%00b");
        assertThat(nul.status()).isEqualTo(422);
        assertThat(nul.errorCodes()).containsExactly("term_invalid");
    }

    private static List<String> search(String term) {
        Response response = app.api().get("/api/activities/search?term=" + URLEncoder.encode(term, StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(200);
        return response.json().findValuesAsText("uuid");
    }

    @Test
    void showReturnsTheCrudWithItsRepliesAndRepliesStayOutOfTheHomeFeed() {
        JsonNode crud = post(alice, "what do you think?", "12-hours");
        String uuid = crud.get("uuid").asText();
        Response replied = app.api().postJson("/api/activities/" + uuid + "/reply", "{\"message\":\"I like it\"}", tokenOf(bob));
        assertThat(replied.status()).as(replied.body()).isEqualTo(201);
        JsonNode reply = replied.json();
        assertThat(reply.get("handle").asText()).isEqualTo("Bob_99");
        assertThat(reply.get("reply_to_activity_uuid").asText()).isEqualTo(uuid);
        assertThat(reply.get("expires_at").asText()).isEqualTo(crud.get("expires_at").asText());

        Response shown = app.api().get("/api/activities/" + uuid);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("uuid").asText()).isEqualTo(uuid);
        assertThat(shown.json().get("replies_count").asInt()).isEqualTo(1);
        assertThat(shown.json().get("replies").findValuesAsText("message")).containsExactly("I like it");

        assertThat(app.api().get("/api/activities/home?limit=100").json().findValuesAsText("uuid"))
                .contains(uuid)
                .doesNotContain(reply.get("uuid").asText());
    }

    @Test
    void unknownOrMalformedCrudIdsAre404() {
        for (String id : List.of("00000000-0000-0000-0000-000000000000", "not-a-uuid", "1-1-1-1-1", "%20")) {
            Response response = app.api().get("/api/activities/" + id);
            assertThat(response.status()).as(id).isEqualTo(404);
            assertThat(response.errorCodes()).containsExactly("activity_not_found");
            Response reply = app.api().postJson("/api/activities/" + id + "/reply", "{\"message\":\"hi\"}", tokenOf(bob));
            assertThat(reply.status()).as(id).isEqualTo(404);
        }
    }

    @Test
    void undecodablePathsAreJson400s() {
        Response response = app.api().get("/api/activities/%00");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.errorCodes()).containsExactly("bad_request");
    }

    @Test
    void expiredCrudsAreNeverServed() {
        String uuid = post(alice, "about to expire #vanishing", "1-hour").get("uuid").asText();
        app.server().database().jdbi().useHandle(h -> h.createUpdate(
                "UPDATE activities SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second' WHERE uuid = :uuid::uuid")
                .bind("uuid", uuid).execute());

        assertThat(app.api().get("/api/activities/home?limit=100").json().findValuesAsText("uuid")).doesNotContain(uuid);
        assertThat(app.api().get("/api/activities/@alice?limit=100").json().findValuesAsText("uuid")).doesNotContain(uuid);
        assertThat(search("#vanishing")).doesNotContain(uuid);
        assertThat(app.api().get("/api/activities/" + uuid).status()).isEqualTo(404);
        assertThat(app.api().postJson("/api/activities/" + uuid + "/reply", "{\"message\":\"too late\"}", tokenOf(bob)).status())
                .isEqualTo(404);
    }

    @Test
    void notificationsListRepliesToMyCrudsAndNeedAToken() {
        String uuid = post(alice, "notify me", "1-day").get("uuid").asText();
        app.api().postJson("/api/activities/" + uuid + "/reply", "{\"message\":\"first reply\"}", tokenOf(bob));
        app.api().postJson("/api/activities/" + uuid + "/reply", "{\"message\":\"second reply\"}", tokenOf(bob));
        app.api().postJson("/api/activities/" + uuid + "/reply", "{\"message\":\"talking to myself\"}", tokenOf(alice));

        Response notifications = app.api().get("/api/activities/notifications", tokenOf(alice));
        assertThat(notifications.status()).isEqualTo(200);
        List<String> messages = notifications.json().findValuesAsText("message");
        assertThat(messages).containsSubsequence("second reply", "first reply").doesNotContain("talking to myself");

        Response anonymous = app.api().get("/api/activities/notifications");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCodes()).containsExactly("token_missing");
    }

    @Test
    void messagesAreCountedInCodePoints() {
        String emoji280 = "😀".repeat(280);
        assertThat(post(alice, emoji280, "1-hour").get("message").asText()).isEqualTo(emoji280);

        Response tooLong = app.api().postJson("/api/activities",
                "{\"message\":\"" + "😀".repeat(281) + "\",\"ttl\":\"1-hour\"}", tokenOf(alice));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.errorCodes()).containsExactly("message_exceed_max_chars");

        assertThat(post(alice, "a".repeat(280), "1-hour").get("message").asText()).hasSize(280);
        Response ascii281 = app.api().postJson("/api/activities",
                "{\"message\":\"" + "a".repeat(281) + "\",\"ttl\":\"1-hour\"}", tokenOf(alice));
        assertThat(ascii281.errorCodes()).containsExactly("message_exceed_max_chars");
    }

    @Test
    void everyValidationFailureHasItsCode() {
        assertCodes("{\"ttl\":\"1-hour\"}", "message_blank");
        assertCodes("{\"message\":\"   \",\"ttl\":\"1-hour\"}", "message_blank");
        assertCodes("{\"message\":null,\"ttl\":\"1-hour\"}", "message_blank");
        assertCodes("{\"message\":\"hi\"}", "ttl_invalid");
        assertCodes("{\"message\":\"hi\",\"ttl\":\"2-weeks\"}", "ttl_invalid");
        assertCodes("{\"message\":\"hi\",\"ttl\":7}", "ttl_invalid");
        assertCodes("{\"message\":42,\"ttl\":\"1-hour\"}", "message_invalid");
        assertCodes("{\"message\":[\"a\"],\"ttl\":\"1-hour\"}", "message_invalid");
        assertCodes("{\"message\":\"nul \\u0000 inside\",\"ttl\":\"1-hour\"}", "message_invalid");
        assertCodes("{\"message\":\"lone \\ud800 surrogate\",\"ttl\":\"1-hour\"}", "message_invalid");
        assertCodes("{}", "message_blank", "ttl_invalid");
        assertCodes("{\"message\":42,\"ttl\":7}", "message_invalid", "ttl_invalid");

        String parent = post(alice, "reply rules", "1-day").get("uuid").asText();
        Response blankReply = app.api().postJson("/api/activities/" + parent + "/reply", "{\"message\":\"\"}", tokenOf(bob));
        assertThat(blankReply.status()).isEqualTo(422);
        assertThat(blankReply.errorCodes()).containsExactly("reply_blank");
        Response longReply = app.api().postJson("/api/activities/" + parent + "/reply",
                "{\"message\":\"" + "é".repeat(1025) + "\"}", tokenOf(bob));
        assertThat(longReply.status()).isEqualTo(422);
        assertThat(longReply.errorCodes()).containsExactly("reply_exceed_max_chars");
        Response nulReply = app.api().postJson("/api/activities/" + parent + "/reply", "{\"message\":\"a\\u0000b\"}", tokenOf(bob));
        assertThat(nulReply.errorCodes()).containsExactly("reply_invalid");
        Response mistypedReply = app.api().postJson("/api/activities/" + parent + "/reply", "{\"message\":true}", tokenOf(bob));
        assertThat(mistypedReply.errorCodes()).containsExactly("message_invalid");
        Response maxReply = app.api().postJson("/api/activities/" + parent + "/reply",
                "{\"message\":\"" + "é".repeat(1024) + "\"}", tokenOf(bob));
        assertThat(maxReply.status()).isEqualTo(201);
    }

    private static void assertCodes(String body, String... codes) {
        Response response = app.api().postJson("/api/activities", body, tokenOf(alice));
        assertThat(response.status()).as(body).isEqualTo(422);
        assertThat(response.json().get("error").asText()).isEqualTo("validation_failed");
        assertThat(response.errorCodes()).as(body).containsExactlyInAnyOrder(codes);
    }

    @Test
    void malformedBodiesAreRejectedWithoutWritingAnything() {
        int before = countActivities();
        for (String body : List.of("{", "not json", "[1,2]", "\"text\"", "{\"message\":\"a\",\"ttl\":\"1-hour\"} trailing",
                "{\"message\":\"a\",\"message\":\"b\",\"ttl\":\"1-hour\"}", "[".repeat(5000))) {
            Response response = app.api().postJson("/api/activities", body, tokenOf(alice));
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.errorCodes()).containsExactly("json_invalid");
        }
        Response form = app.api().send(app.api().request("/api/activities")
                .header("Authorization", "Bearer " + tokenOf(alice))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("message=hi&ttl=1-hour")).build());
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.errorCodes()).containsExactly("content_type_unsupported");
        assertThat(countActivities()).isEqualTo(before);
    }

    @Test
    void oversizedBodiesAre413() {
        String huge = "{\"message\":\"" + "a".repeat(200_000) + "\",\"ttl\":\"1-hour\"}";
        Response response = app.api().postJson("/api/activities", huge, tokenOf(alice));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorCodes()).containsExactly("body_too_large");
    }

    @Test
    void writesNeedAValidTokenOfAPersonThePoolKnows() {
        Response anonymous = app.api().postJson("/api/activities", "{\"message\":\"hi\",\"ttl\":\"1-hour\"}", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCodes()).containsExactly("token_missing");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");

        Response garbage = app.api().postJson("/api/activities", "{\"message\":\"hi\",\"ttl\":\"1-hour\"}", "not-a-token");
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.header("WWW-Authenticate")).startsWith("Bearer");

        // Signed by the pool, but the pool's GetUser no longer knows the person (deleted since).
        Response stranger = app.api().postJson("/api/activities", "{\"message\":\"hi\",\"ttl\":\"1-hour\"}",
                app.pool().accessTokenFor("sub-without-a-row"));
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.errorCodes()).containsExactly("token_invalid");
    }

    @Test
    void unknownRoutesAndMethodsAnswerJson() {
        Response missing = app.api().get("/api/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCodes()).containsExactly("not_found");
        assertThat(missing.body()).doesNotContain("Exception").doesNotContain("at io.javalin");

        Response wrongMethod = app.api().send(app.api().request("/api/activities/home")
                .method("PUT", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCodes()).containsExactly("method_not_allowed");
    }

    private static int countActivities() {
        return app.server().database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM activities").mapTo(Integer.class).one());
    }
}
