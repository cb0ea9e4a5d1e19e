package dev.cruddur.server.identity;

import static dev.cruddur.server.identity.LocalCognitoSdk.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.TestServer;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.testkit.http.ApiClient.Response;
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
            SignedIn before = signedInBeforeARestart(database, "restarter");
            String keyBefore = Files.readString(keyFile());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile().getParent())))
                    .isEqualTo("rwx------");
            assertThat(keyBefore).contains("\"d\":");

            // The issuer names the port, as Cognito's names the pool: the same server comes back on it.
            try (TestServer app = before.sameServer().start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
                assertThat(Files.readString(keyFile())).isEqualTo(keyBefore);
                Response posted = app.client().postJson("/api/activities",
                        "{\"message\":\"after the restart\",\"ttl\":\"1-day\"}", before.tokens().accessToken());
                assertThat(posted.status()).as(posted.body()).isEqualTo(201);
                assertThat(posted.json().get("handle").asText()).isEqualTo("restarter");
                assertThat(cognito.sdk.getUser(b -> b.accessToken(before.tokens().accessToken())).username()).isNotBlank();
                assertThat(cognito.refresh(before.tokens().refreshToken()).accessToken()).isNotBlank();
            }
        }
    }

    @Test
    void deletingTheSigningKeyEndsEverySignIn() throws Exception {
        try (TestDatabase database = TestDatabase.empty()) {
            SignedIn before = signedInBeforeARestart(database, "rotated");

            Files.delete(keyFile());

            try (TestServer app = before.sameServer().start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
                LocalIdentityProviderTest.assertCognitoError(() -> cognito.refresh(before.tokens().refreshToken()),
                        NotAuthorizedException.class, "Refresh Token has been revoked");
                Response posted = app.client().postJson("/api/activities",
                        "{\"message\":\"with the old key\",\"ttl\":\"1-day\"}", before.tokens().accessToken());
                assertThat(posted.status()).isEqualTo(401);
                // Signing in again works, under the new key.
                AuthenticationResultType fresh = cognito.signIn("rotated@example.com", PASSWORD);
                Response again = app.client().postJson("/api/activities",
                        "{\"message\":\"with the new key\",\"ttl\":\"1-day\"}",
                        cognito.refresh(fresh.refreshToken()).accessToken());
                assertThat(again.status()).as(again.body()).isEqualTo(201);
            }
        }
    }

    @Test
    void refreshTokensFromBeforeKeyIdsWereRecordedKeepWorkingUntilTheKeyIsRotated() throws Exception {
        try (TestDatabase database = TestDatabase.empty()) {
            SignedIn before = signedInBeforeARestart(database, "upgraded");
            // As an earlier version left them: no key recorded.
            forgetKeyIds(database);

            try (TestServer app = before.sameServer().start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
                assertThat(cognito.refresh(before.tokens().refreshToken()).accessToken()).isNotBlank();
            }
            forgetKeyIds(database);
            Files.delete(keyFile());

            try (TestServer app = before.sameServer().start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
                LocalIdentityProviderTest.assertCognitoError(() -> cognito.refresh(before.tokens().refreshToken()),
                        NotAuthorizedException.class, "Refresh Token has been revoked");
            }
            List<String> reasons = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT revoked_because FROM local_identity_refresh_tokens").mapTo(String.class).list());
            assertThat(reasons).containsExactly("KEY_ROTATION");
        }
    }

    /** A person's tokens from a server that has stopped, and how to start that server again on its port. */
    private record SignedIn(TestServer.Builder sameServer, AuthenticationResultType tokens) {
    }

    /** Starts a server on {@code database}, signs {@code handle@example.com} up and in, and stops it. */
    private SignedIn signedInBeforeARestart(TestDatabase database, String handle) {
        TestServer.Builder server = TestServer.withLocalIdentity(dataDirectory).onDatabase(database.url());
        try (TestServer app = server.start(); LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
            String email = handle + "@example.com";
            cognito.signUpAndConfirm(email, handle, handle);
            return new SignedIn(server.environment("PORT", String.valueOf(app.port())), cognito.signIn(email, PASSWORD));
        }
    }

    private Path keyFile() {
        return dataDirectory.resolve("local-cognito").resolve("signing-key.json");
    }

    private static void forgetKeyIds(TestDatabase database) {
        database.jdbi().useHandle(h -> h.execute("UPDATE local_identity_refresh_tokens SET key_id = NULL"));
    }
}
