package dev.cruddur.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.testkit.http.ApiClient.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The anonymous first page of the home feed is cached: over real HTTP, a post or a reply must
 * show on the very next read, as it did before there was a cache.
 */
class HomeFeedCacheApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    private static SignedUpUser carol;

    @BeforeAll
    static void start() {
        carol = app.register("carol", "Carol Shaw");
    }

    private static JsonNode home() {
        Response response = app.api().get("/api/activities/home");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return response.json();
    }

    private static JsonNode post(String path, String json) {
        Response response = app.api().postJson(path, json, app.tokenOf(carol));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    @Test
    void aPostShowsOnTheNextAnonymousRead() {
        home();
        home();
        String uuid = post("/api/activities", "{\"message\":\"fresh off the press\",\"ttl\":\"1-hour\"}").get("uuid").asText();

        JsonNode feed = home();
        assertThat(feed.get(0).get("uuid").asText()).isEqualTo(uuid);
        assertThat(feed.get(0).get("message").asText()).isEqualTo("fresh off the press");
    }

    @Test
    void aReplyUpdatesItsParentsCountOnTheNextAnonymousRead() {
        String parent = post("/api/activities", "{\"message\":\"reply to me\",\"ttl\":\"1-hour\"}").get("uuid").asText();
        assertThat(countOf(home(), parent)).isZero();

        post("/api/activities/" + parent + "/reply", "{\"message\":\"here you go\"}");

        assertThat(countOf(home(), parent)).isEqualTo(1);
    }

    @Test
    void pagesWithParametersAndSignedInReadersAreAnsweredFromTheDatabase() {
        home();
        String uuid = post("/api/activities", "{\"message\":\"also fresh\",\"ttl\":\"1-hour\"}").get("uuid").asText();

        Response limited = app.api().get("/api/activities/home?limit=5");
        assertThat(limited.json().get(0).get("uuid").asText()).isEqualTo(uuid);
        Response signedIn = app.api().get("/api/activities/home", app.tokenOf(carol));
        assertThat(signedIn.json().get(0).get("uuid").asText()).isEqualTo(uuid);
    }

    private static int countOf(JsonNode feed, String uuid) {
        for (JsonNode crud : feed) {
            if (crud.get("uuid").asText().equals(uuid)) {
                return crud.get("replies_count").asInt();
            }
        }
        throw new AssertionError(uuid + " is not in the home feed");
    }
}
