package dev.cruddur.server.identity;

import static dev.cruddur.server.identity.LocalCognito.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ApiClient;
import dev.cruddur.server.ApiClient.Response;
import dev.cruddur.server.CruddurApp;
import dev.cruddur.server.ServerSettings;
import dev.cruddur.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/**
 * The signing key is generated once and kept in the data directory: a token issued before a
 * restart is still accepted after it, by the API and by GetUser.
 */
class LocalIdentityRestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void tokensIssuedBeforeARestartAreAcceptedAfterIt() throws Exception {
        try (TestDatabase database = TestDatabase.empty()) {
            ServerSettings settings = ServerSettings.fromEnvironment(Map.of())
                    .withPort(0)
                    .withDatabaseUrl(Optional.of(database.url()))
                    .withDataDirectory(dataDirectory)
                    .withCognito(Optional.empty());
            Path keyFile = dataDirectory.resolve("local-cognito").resolve("signing-key.json");
            AuthenticationResultType tokens;
            int port;
            String keyBefore;

            try (CruddurApp app = CruddurApp.start(settings); LocalCognito cognito = new LocalCognito(app.port())) {
                port = app.port();
                cognito.signUpAndConfirm("restart@example.com", "Restart", "restarter");
                tokens = cognito.signIn("restart@example.com", PASSWORD);
                keyBefore = Files.readString(keyFile);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent()))).isEqualTo("rwx------");
            assertThat(keyBefore).contains("\"d\":");

            // The issuer names the port, as Cognito's names the pool: the same server comes back on it.
            try (CruddurApp app = CruddurApp.start(settings.withPort(port)); LocalCognito cognito = new LocalCognito(app.port())) {
                assertThat(Files.readString(keyFile)).isEqualTo(keyBefore);
                Response posted = new ApiClient(app.port()).postJson("/api/activities",
                        "{\"message\":\"after the restart\",\"ttl\":\"1-day\"}", tokens.accessToken());
                assertThat(posted.status()).as(posted.body()).isEqualTo(201);
                assertThat(posted.json().get("handle").asText()).isEqualTo("restarter");
                assertThat(cognito.sdk.getUser(b -> b.accessToken(tokens.accessToken())).username()).isNotBlank();
                assertThat(cognito.refresh(tokens.refreshToken()).accessToken()).isNotBlank();
            }
        }
    }
}
