package dev.cruddur.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Likes, reposts and deletion over HTTP: idempotent marks with exact counts (also when many people
 * mark at once), the reader's own marks on what they read, and a deletion that takes everything
 * belonging to the crud with it.
 */
class ReactionsApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    private static AccountClient accounts;
    private static String ada;
    private static String bert;

    @BeforeAll
    static void signUp() {
        accounts = app.accounts();
        ada = accounts.create("ada@example.com", "Ada", "ada");
        bert = accounts.create("bert@example.com", "Bert", "bert");
    }

    @Test
    void aLikeIsIdempotentCountedAndMarkedForItsReaderOnly() {
        String crud = app.api().postCrud(ada, "like me", "1-day");

        JsonNode liked = ok(app.api().send("PUT", "/api/activities/" + crud + "/like", bert));
        assertThat(liked.get("likes_count").asInt()).isEqualTo(1);
        assertThat(liked.get("liked_by_me").asBoolean()).isTrue();
        assertThat(liked.get("reposted_by_me").asBoolean()).isFalse();
        assertThat(ok(app.api().send("PUT", "/api/activities/" + crud + "/like", bert)).get("likes_count").asInt()).isEqualTo(1);

        assertThat(ok(app.api().get("/api/activities/" + crud, bert)).get("liked_by_me").asBoolean()).isTrue();
        assertThat(ok(app.api().get("/api/activities/" + crud, ada)).get("liked_by_me").asBoolean()).isFalse();
        JsonNode anonymous = ok(app.api().get("/api/activities/" + crud));
        assertThat(anonymous.get("likes_count").asInt()).isEqualTo(1);
        assertThat(anonymous.has("liked_by_me")).isFalse();
        assertThat(anonymous.has("reposted_by_me")).isFalse();
        assertThat(feedEntry(ok(app.api().get("/api/activities/@ada", bert)), crud).get("liked_by_me").asBoolean()).isTrue();
        assertThat(feedEntry(ok(app.api().get("/api/activities/home?limit=100", bert)), crud).get("liked_by_me").asBoolean())
                .isTrue();

        JsonNode unliked = ok(app.api().send("DELETE", "/api/activities/" + crud + "/like", bert));
        assertThat(unliked.get("likes_count").asInt()).isZero();
        assertThat(unliked.get("liked_by_me").asBoolean()).isFalse();
        assertThat(ok(app.api().send("DELETE", "/api/activities/" + crud + "/like", bert)).get("likes_count").asInt()).isZero();
    }

    @Test
    void aRepostIsCountedApartFromLikes() {
        String crud = app.api().postCrud(ada, "repost me", "1-day");
        ok(app.api().send("PUT", "/api/activities/" + crud + "/like", bert));

        JsonNode reposted = ok(app.api().send("PUT", "/api/activities/" + crud + "/repost", bert));
        assertThat(reposted.get("reposts_count").asInt()).isEqualTo(1);
        assertThat(reposted.get("likes_count").asInt()).isEqualTo(1);
        assertThat(reposted.get("reposted_by_me").asBoolean()).isTrue();
        assertThat(reposted.get("liked_by_me").asBoolean()).isTrue();

        JsonNode undone = ok(app.api().send("DELETE", "/api/activities/" + crud + "/repost", bert));
        assertThat(undone.get("reposts_count").asInt()).isZero();
        assertThat(undone.get("likes_count").asInt()).isEqualTo(1);
        assertThat(undone.get("reposted_by_me").asBoolean()).isFalse();
        assertThat(undone.get("liked_by_me").asBoolean()).isTrue();
    }

    @Test
    void manyPeopleLikingAtOnceGiveExactlyTheirNumber() throws Exception {
        String crud = app.api().postCrud(ada, "popular", "1-day");
        int people = 12;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            tokens.add(accounts.create("fan" + i + "@example.com", "Fan " + i, "fan_" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(people);
        try {
            Map<String, List<Future<Response>>> likesBy = new HashMap<>();
            for (String token : tokens) {
                // Each likes twice: the repeat must count for nothing.
                for (int i = 0; i < 2; i++) {
                    likesBy.computeIfAbsent(token, t -> new ArrayList<>())
                            .add(pool.submit(() -> app.api().send("PUT", "/api/activities/" + crud + "/like", token)));
                }
            }
            List<Integer> countsMade = new ArrayList<>();
            for (List<Future<Response>> likes : likesBy.values()) {
                int lowest = Integer.MAX_VALUE;
                for (Future<Response> like : likes) {
                    assertThat(like.get().status()).as(like.get().body()).isEqualTo(200);
                    assertThat(ok(like.get()).get("liked_by_me").asBoolean()).isTrue();
                    lowest = Math.min(lowest, ok(like.get()).get("likes_count").asInt());
                }
                // A person's first like is answered with the count its statement left, the repeat
                // with the same or a later one.
                countsMade.add(lowest);
            }
            // Likes written together are answered with the count after all of them; so every
            // count answered is exactly the number of people answered with it or less: none lost,
            // none counted twice, at every commit and not only at the end.
            for (int count : countsMade) {
                assertThat(countsMade.stream().filter(made -> made <= count).count()).as("answered %d or less", count)
                        .isEqualTo(count);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ok(app.api().get("/api/activities/" + crud)).get("likes_count").asInt()).isEqualTo(people);
    }

    @Test
    void marksOnACrudThatIsNotThereAre404AndNeedASignIn() {
        String unknown = "/api/activities/00000000-0000-4000-8000-000000000000/like";
        assertThat(app.api().send("PUT", unknown, bert).errorCodes()).containsExactly("activity_not_found");
        assertThat(app.api().send("DELETE", unknown, bert).status()).isEqualTo(404);
        String crud = app.api().postCrud(ada, "sign in first", "1-day");
        assertThat(app.api().send(app.api().request("/api/activities/" + crud + "/like")
                .PUT(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(401);
    }

    @Test
    void theAuthorDeletesACrudWithItsRepliesAndMarksAndNobodyElseCan() {
        String crud = app.api().postCrud(ada, "soon gone", "1-day");
        String reply = reply(bert, crud, "a reply");
        ok(app.api().send("PUT", "/api/activities/" + crud + "/like", bert));

        Response stranger = app.api().send("DELETE", "/api/activities/" + crud, bert);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.errorCodes()).containsExactly("not_your_activity");
        assertThat(app.api().get("/api/activities/" + crud).status()).isEqualTo(200);

        assertThat(app.api().send("DELETE", "/api/activities/" + crud, ada).status()).isEqualTo(204);
        assertThat(app.api().get("/api/activities/" + crud).status()).isEqualTo(404);
        assertThat(app.api().get("/api/activities/" + reply).status()).isEqualTo(404);
        assertThat(app.api().send("DELETE", "/api/activities/" + crud, ada).status()).isEqualTo(404);
        int marksLeft = app.server().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM reactions WHERE activity_uuid = CAST(:crud AS uuid)").bind("crud", crud)
                .mapTo(Integer.class).one());
        assertThat(marksLeft).isZero();
    }

    @Test
    void deletingAReplyUncountsItOnItsCrud() {
        String crud = app.api().postCrud(ada, "two replies", "1-day");
        reply(bert, crud, "first");
        String second = reply(bert, crud, "second");

        assertThat(app.api().send("DELETE", "/api/activities/" + second, bert).status()).isEqualTo(204);

        JsonNode page = ok(app.api().get("/api/activities/" + crud));
        assertThat(page.get("replies_count").asInt()).isEqualTo(1);
        assertThat(page.get("replies")).hasSize(1);
    }

    private static String reply(String token, String crud, String message) {
        Response reply = app.api().postJson("/api/activities/" + crud + "/reply", "{\"message\":\"" + message + "\"}", token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("uuid").asText();
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode feedEntry(JsonNode feed, String uuid) {
        for (JsonNode entry : feed) {
            if (entry.get("uuid").asText().equals(uuid)) {
                return entry;
            }
        }
        throw new AssertionError("no " + uuid + " in " + feed);
    }
}
