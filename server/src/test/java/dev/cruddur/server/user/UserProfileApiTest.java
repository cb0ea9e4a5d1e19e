package dev.cruddur.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/users/@{handle}} over real HTTP on a real database. */
class UserProfileApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    @BeforeAll
    static void start() {
        app.register("Quiet_Quinn", "Quinn <the quiet> O'Neil");
    }

    @Test
    void aUserWithoutCrudsHasAProfileWithTheirNameAndTheHandleAsTheyWroteIt() {
        Response response = app.api().get("/api/users/@quiet_quinn");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("handle").asText()).isEqualTo("Quiet_Quinn");
        assertThat(body.get("display_name").asText()).isEqualTo("Quinn <the quiet> O'Neil");
        assertThat(Instant.parse(body.get("created_at").asText())).isBefore(Instant.now().plusSeconds(5));
        assertThat(app.api().get("/api/activities/@Quiet_Quinn").json()).isEmpty();
    }

    @Test
    void publishesNoEmailAndNoCognitoId() {
        List<String> fields = new java.util.ArrayList<>();
        app.api().get("/api/users/@Quiet_Quinn").json().fieldNames().forEachRemaining(fields::add);

        // can_message: whether the reader may message them (false for a reader not signed in).
        assertThat(fields).containsExactlyInAnyOrder("handle", "display_name", "bio", "created_at", "followers_count",
                "following_count", "cruds_count", "can_message");
    }

    @Test
    void anUnknownOrMalformedHandleIsAJson404() {
        for (String path : List.of("/api/users/@nobody_here", "/api/users/@no%20such", "/api/users/@"
                + "x".repeat(31), "/api/users/@%F0%9F%92%A3")) {
            Response response = app.api().get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.errorCodes()).as(path).containsExactly("user_not_found");
        }
    }

    @Test
    void theApiIndexListsTheProfileRoute() {
        assertThat(app.api().get("/api").json().get("endpoints").toString()).contains("GET /api/users/@{handle}");
    }
}
