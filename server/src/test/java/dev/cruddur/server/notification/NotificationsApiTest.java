package dev.cruddur.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notifications over HTTP: each kind as other people cause it, with its actor and crud; none for
 * one's own actions; the unread count and marking read; and the errors of each route.
 */
class NotificationsApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    private static AccountClient accounts;

    @BeforeAll
    static void accounts() {
        accounts = app.accounts();
    }

    @Test
    void everyKindArrivesWithItsActorAndCrudNewestFirstAndNoneForOnesOwnActions() {
        String nora = accounts.create("nora@example.com", "Nora", "nora");
        String olaf = accounts.create("olaf@example.com", "Olaf 🦊", "olaf");
        String crud = app.api().postCrud(nora, "notice me", "1-day");

        ok(app.api().send("PUT", "/api/users/@nora/follow", olaf));
        ok(app.api().send("PUT", "/api/activities/" + crud + "/like", olaf));
        ok(app.api().send("PUT", "/api/activities/" + crud + "/repost", olaf));
        reply(olaf, crud, "a reply");
        app.api().postCrud(olaf, "hey @Nora, look", "1-hour");
        // Nora's own doings tell her nothing.
        ok(app.api().send("PUT", "/api/activities/" + crud + "/like", nora));
        reply(nora, crud, "answering myself");
        app.api().postCrud(nora, "talking about @nora", "1-hour");

        JsonNode list = ok(app.api().get("/api/activities/notifications", nora));

        assertThat(kinds(list)).containsExactly("mention", "reply", "repost", "like", "follow");
        for (JsonNode notification : list) {
            assertThat(notification.get("actor").get("handle").asText()).isEqualTo("olaf");
            assertThat(notification.get("actor").get("display_name").asText()).isEqualTo("Olaf 🦊");
            assertThat(notification.get("read").asBoolean()).isFalse();
            assertThat(notification.get("uuid").asText()).hasSize(36);
            assertThat(notification.get("created_at").asText()).endsWith("Z");
        }
        assertThat(list.get(0).get("activity").get("message").asText()).isEqualTo("hey @Nora, look");
        assertThat(list.get(1).get("activity").get("message").asText()).isEqualTo("a reply");
        JsonNode liked = list.get(3).get("activity");
        assertThat(liked.get("uuid").asText()).isEqualTo(crud);
        assertThat(liked.get("likes_count").asInt()).isEqualTo(2);
        assertThat(liked.get("liked_by_me").asBoolean()).isTrue();
        assertThat(list.get(4).get("activity").isNull()).isTrue();
        assertThat(kinds(ok(app.api().get("/api/activities/notifications", olaf)))).isEmpty();
    }

    @Test
    void theUnreadCountFallsAsTheyAreMarkedReadUpToAMoment() {
        String pia = accounts.create("pia@example.com", "Pia", "pia");
        String quinn = accounts.create("quinn@example.com", "Quinn", "quinn");
        String crud = app.api().postCrud(pia, "count these", "1-day");
        for (int i = 0; i < 3; i++) {
            reply(quinn, crud, "reply " + i);
        }
        assertThat(unread(pia)).isEqualTo(3);

        JsonNode list = ok(app.api().get("/api/activities/notifications", pia));
        String middle = list.get(1).get("created_at").asText();
        JsonNode marked = ok(app.api().postJson("/api/notifications/read", "{\"up_to\":\"" + middle + "\"}", pia));
        assertThat(marked.get("unread").asInt()).isEqualTo(1);
        assertThat(unread(pia)).isEqualTo(1);
        List<Boolean> read = new ArrayList<>();
        ok(app.api().get("/api/activities/notifications", pia)).forEach(n -> read.add(n.get("read").asBoolean()));
        assertThat(read).containsExactly(false, true, true);

        assertThat(ok(app.api().postJson("/api/notifications/read", "{}", pia)).get("unread").asInt()).isZero();
        reply(quinn, crud, "one more");
        assertThat(unread(pia)).isEqualTo(1);
    }

    @Test
    void badInputIsAClearErrorAndEveryRouteNeedsASignIn() {
        String rita = accounts.create("rita@example.com", "Rita", "rita");

        Response badMoment = app.api().postJson("/api/notifications/read", "{\"up_to\":\"yesterday\"}", rita);
        assertThat(badMoment.status()).isEqualTo(422);
        assertThat(badMoment.errorCodes()).containsExactly("up_to_invalid");
        assertThat(app.api().postJson("/api/notifications/read", "{\"up_to\":7}", rita).errorCodes())
                .containsExactly("up_to_invalid");
        assertThat(app.api().postJson("/api/notifications/read", "[]", rita).status()).isEqualTo(400);
        assertThat(app.api().get("/api/activities/notifications?limit=0", rita).errorCodes()).containsExactly("limit_invalid");

        for (Response anonymous : List.of(app.api().get("/api/activities/notifications"),
                app.api().get("/api/notifications/unread-count"),
                app.api().send(app.api().request("/api/notifications/read")
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build()))) {
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.errorCodes()).containsExactly("token_missing");
        }
    }

    private static int unread(String token) {
        return ok(app.api().get("/api/notifications/unread-count", token)).get("unread").asInt();
    }

    private static List<String> kinds(JsonNode list) {
        List<String> kinds = new ArrayList<>();
        list.forEach(n -> kinds.add(n.get("kind").asText()));
        return kinds;
    }

    private static void reply(String token, String crud, String message) {
        Response reply = app.api().postJson("/api/activities/" + crud + "/reply", "{\"message\":\"" + message + "\"}", token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
