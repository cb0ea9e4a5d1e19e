package dev.cruddur.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.testkit.http.ApiClient;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthCheckApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    @Test
    void reportsWhetherTheDatabaseAnswers() {
        ApiClient api = app.api();
        Response up = api.get("/api/health-check");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().get("database").asText()).isEqualTo("up");

        // Take the database away under the running server: every connection is cut.
        String name = app.server().database().url().jdbcUrl().replaceAll(".*/([^/?]+).*", "$1");
        dropForcefully(name);

        Response down = api.get("/api/health-check");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("database").asText()).isEqualTo("down");

        Response feed = api.get("/api/activities/home");
        assertThat(feed.status()).isEqualTo(503);
        assertThat(feed.errorCodes()).containsExactly("database_unavailable");
        assertThat(feed.body()).doesNotContain("Exception").doesNotContain("jdbc:");
    }

    private static void dropForcefully(String database) {
        var admin = TestDatabase.serverUrl();
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(),
                admin.password() == null ? "" : admin.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
