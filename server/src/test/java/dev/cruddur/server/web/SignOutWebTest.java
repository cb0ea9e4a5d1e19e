package dev.cruddur.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing out in the web app ends the sign-in at the identity provider, not only in this
 * browser: a refresh token copied out of the page before (by a script, an extension, someone at
 * the keyboard) mints nothing afterwards, and the last access token no longer posts.
 */
class SignOutWebTest extends BrowserPerClass {

    @BeforeAll
    static void account() {
        accounts.create("sally@example.com", "Sally Signout", "sally_signout");
    }

    @Test
    void signingOutRevokesTheRefreshTokenSoACopyOfItMintsNothing() {
        ui.open("/signin");
        ui.signIn("sally@example.com", AccountClient.PASSWORD);
        String accessToken = ui.storedAccessToken();
        String refreshToken = storedRefreshToken();
        assertThat(accounts.refresh(refreshToken).status()).as("works while signed in").isEqualTo(200);

        ui.recordCalls();
        ui.signOut();
        browser.waitUntil(driver -> ui.recordedCalls().contains("RevokeToken 200"));

        assertThat(ui.storedSession()).isNull();
        ApiClient.Response refreshed = accounts.refresh(refreshToken);
        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(refreshed.json().get("__type").asText()).isEqualTo("NotAuthorizedException");
        assertThat(refreshed.json().get("message").asText()).isEqualTo("Refresh Token has been revoked");
        ApiClient.Response posted = api.postJson("/api/activities",
                "{\"message\":\"after signing out\",\"ttl\":\"1-hour\"}", accessToken);
        assertThat(posted.status()).isEqualTo(401);

        // Signing in again is a new sign-in, which works.
        ui.signIn("sally@example.com", AccountClient.PASSWORD);
        ui.postCrud("Back after signing out", "1-hour");
    }

    private static String storedRefreshToken() {
        String session = ui.storedSession();
        assertThat(session).as("the stored session").contains("\"refreshToken\"");
        return session.replaceFirst(".*\"refreshToken\":\"([^\"]+)\".*", "$1");
    }
}
