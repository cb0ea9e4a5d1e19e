package dev.cruddur.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database keeps its data across restarts of the server, and the seed loads once. */
class RestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void dataWrittenThroughTheApiSurvivesARestart() throws Exception {
        try (FakeCognitoPool issuer = FakeCognitoPool.start()) {
            // The embedded database in the data directory (no DATABASE_URL), as a person runs it.
            Map<String, String> environment = new HashMap<>(issuer.environment());
            environment.put("PORT", "0");
            environment.put("CRUDDUR_DATA_DIR", dataDirectory.toString());
            ServerSettings settings = ServerSettings.fromEnvironment(environment);
            String sub = "restart-user-sub";
            String posted;

            try (CruddurApp app = CruddurApp.start(settings)) {
                ApiClient api = new ApiClient(app.port());
                JsonNode home = api.get("/api/activities/home").json();
                assertThat(home.findValuesAsText("message")).containsExactly("This was imported as seed data!");
                registerDirectly(app, sub);
                // Durable commits: the embedded server must not keep the test-friendly fsync=off.
                assertThat(setting(app, "fsync")).isEqualTo("on");
                assertThat(setting(app, "synchronous_commit")).isEqualTo("on");
                posted = api.postJson("/api/activities", "{\"message\":\"still here after a restart\",\"ttl\":\"7-days\"}",
                        issuer.accessTokenFor(sub)).json().get("uuid").asText();
            }
            assertThat(Files.exists(dataDirectory.resolve("postgres").resolve("PG_VERSION"))).isTrue();

            try (CruddurApp app = CruddurApp.start(settings)) {
                ApiClient api = new ApiClient(app.port());
                JsonNode home = api.get("/api/activities/home").json();
                assertThat(home.findValuesAsText("uuid")).contains(posted);
                assertThat(home.findValuesAsText("message"))
                        .containsExactly("still here after a restart", "This was imported as seed data!");
            }
        }
    }

    private static String setting(CruddurApp app, String name) {
        return app.database().jdbi().withHandle(h -> h.createQuery("SELECT current_setting(:name)")
                .bind("name", name).mapTo(String.class).one());
    }

    /** Registration arrives with the users issue; until then the test inserts the row the trigger would. */
    private static void registerDirectly(CruddurApp app, String sub) {
        app.database().jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO users (display_name, handle, email, cognito_user_id)
                VALUES ('Restart Tester', 'restarter', 'restarter@example.com', :sub)""").bind("sub", sub).execute());
    }
}
