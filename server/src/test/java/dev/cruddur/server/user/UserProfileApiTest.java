package dev.cruddur.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.server.ApiClient;
import dev.cruddur.server.ApiClient.Response;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.server.TestServer;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/users/@{handle}} over real HTTP on a real database. */
class UserProfileApiTest {

    private static FakeCognitoPool issuer;
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        issuer = FakeCognitoPool.start();
        server = TestServer.trusting(issuer).start();
        api = server.client();
        SignedUpUser.register(server.database(), "Quiet_Quinn", "Quinn <the quiet> O'Neil");
    }

    @AfterAll
    static void stop() {
        server.close();
        issuer.close();
    }

    @Test
    void aUserWithoutCrudsHasAProfileWithTheirNameAndTheHandleAsTheyWroteIt() {
        Response response = api.get("/api/users/@quiet_quinn");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("handle").asText()).isEqualTo("Quiet_Quinn");
        assertThat(body.get("display_name").asText()).isEqualTo("Quinn <the quiet> O'Neil");
        assertThat(Instant.parse(body.get("created_at").asText())).isBefore(Instant.now().plusSeconds(5));
        assertThat(api.get("/api/activities/@Quiet_Quinn").json()).isEmpty();
    }

    @Test
    void publishesNoEmailAndNoCognitoId() {
        List<String> fields = new java.util.ArrayList<>();
        api.get("/api/users/@Quiet_Quinn").json().fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactlyInAnyOrder("handle", "display_name", "bio", "created_at", "followers_count",
                "following_count", "cruds_count");
    }

    @Test
    void anUnknownOrMalformedHandleIsAJson404() {
        for (String path : List.of("/api/users/@nobody_here", "/api/users/@no%20such", "/api/users/@"
                + "x".repeat(31), "/api/users/@%F0%9F%92%A3")) {
            Response response = api.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.errorCodes()).as(path).containsExactly("user_not_found");
        }
    }

    @Test
    void theApiIndexListsTheProfileRoute() {
        assertThat(api.get("/api").json().get("endpoints").toString()).contains("GET /api/users/@{handle}");
    }
}
