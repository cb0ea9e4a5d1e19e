package dev.cruddur.server.identity;

import static dev.cruddur.server.identity.LocalCognitoSdk.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ApiClient;
import dev.cruddur.server.ApiClient.Response;
import dev.cruddur.server.TestServer;
import dev.cruddur.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/**
 * The signing key is generated once and kept in the data directory: a token issued before a
 * restart is still accepted after it, by the API and by GetUser. Deleting the key file rotates
 * the key, and that ends every sign-in: refresh tokens issued under the old key mint nothing.
 */
class LocalIdentityRestartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void tokensIssuedBeforeARestartAreAcceptedAfterIt() throws Exception {
        try (TestDatabase database = TestDatabase.empty()) {
            TestServer.Builder server = TestServer.withLocalIdentity(dataDirectory).onDatabase(database.url());
            Path keyFile = dataDirectory.resolve("local-cognito").resolve("signing-key.json");
            AuthenticationResultType tokens;
            int port;
            String keyBefore;

            try (TestServer app = server.start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
                port = app.port();
                cognito.signUpAndConfirm("restart@example.com", "Restart", "restarter");
                tokens = cognito.signIn("restart@example.com", PASSWORD);
                keyBefore = Files.readString(keyFile);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent()))).isEqualTo("rwx------");
            assertThat(keyBefore).contains("\"d\":");

            // The issuer names the port, as Cognito's names the pool: the same server comes back on it.
            try (TestServer app = server.environment("PORT", String.valueOf(port)).start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
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

    @Test
    void deletingTheSigningKeyEndsEverySignIn() throws Exception {
        try (TestDatabase database = TestDatabase.empty()) {
            TestServer.Builder server = TestServer.withLocalIdentity(dataDirectory).onDatabase(database.url());
            Path keyFile = dataDirectory.resolve("local-cognito").resolve("signing-key.json");
            AuthenticationResultType tokens;
            int port;
            try (TestServer app = server.start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
                port = app.port();
                cognito.signUpAndConfirm("rotated@example.com", "Rotated", "rotated");
                tokens = cognito.signIn("rotated@example.com", PASSWORD);
            }

            Files.delete(keyFile);

            try (TestServer app = server.environment("PORT", String.valueOf(port)).start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
                LocalIdentityProviderTest.assertCognitoError(() -> cognito.refresh(tokens.refreshToken()),
                        NotAuthorizedException.class, "Refresh Token has been revoked");
                Response posted = new ApiClient(app.port()).postJson("/api/activities",
                        "{\"message\":\"with the old key\",\"ttl\":\"1-day\"}", tokens.accessToken());
                assertThat(posted.status()).isEqualTo(401);
                // Signing in again works, under the new key.
                AuthenticationResultType fresh = cognito.signIn("rotated@example.com", PASSWORD);
                Response again = new ApiClient(app.port()).postJson("/api/activities",
                        "{\"message\":\"with the new key\",\"ttl\":\"1-day\"}",
                        cognito.refresh(fresh.refreshToken()).accessToken());
                assertThat(again.status()).as(again.body()).isEqualTo(201);
            }
        }
    }

    @Test
    void refreshTokensFromBeforeKeyIdsWereRecordedKeepWorkingUntilTheKeyIsRotated() throws Exception {
        try (TestDatabase database = TestDatabase.empty()) {
            TestServer.Builder server = TestServer.withLocalIdentity(dataDirectory).onDatabase(database.url());
            Path keyFile = dataDirectory.resolve("local-cognito").resolve("signing-key.json");
            AuthenticationResultType tokens;
            int port;
            try (TestServer app = server.start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
                port = app.port();
                cognito.signUpAndConfirm("upgraded@example.com", "Upgraded", "upgraded");
                tokens = cognito.signIn("upgraded@example.com", PASSWORD);
            }
            // As an earlier version left them: no key recorded.
            forgetKeyIds(database);

            try (TestServer app = server.environment("PORT", String.valueOf(port)).start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
                assertThat(cognito.refresh(tokens.refreshToken()).accessToken()).isNotBlank();
            }
            forgetKeyIds(database);
            Files.delete(keyFile);

            try (TestServer app = server.environment("PORT", String.valueOf(port)).start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
                LocalIdentityProviderTest.assertCognitoError(() -> cognito.refresh(tokens.refreshToken()),
                        NotAuthorizedException.class, "Refresh Token has been revoked");
            }
            List<String> reasons = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT revoked_because FROM local_identity_refresh_tokens").mapTo(String.class).list());
            assertThat(reasons).containsExactly("KEY_ROTATION");
        }
    }

    private static void forgetKeyIds(TestDatabase database) {
        database.jdbi().useHandle(h -> h.execute("UPDATE local_identity_refresh_tokens SET key_id = NULL"));
    }
}
