package dev.cruddur.server.web;

import static dev.cruddur.server.web.BrowserPerClass.accounts;
import static dev.cruddur.server.web.BrowserPerClass.browser;
import static dev.cruddur.server.web.BrowserPerClass.ui;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.cruddur.testkit.account.AccountClient;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access token runs out while the person is on the page: the app refreshes it with the
 * refresh token before using it, and the person posts without noticing. The development
 * provider here signs tokens that live {@value #LIFETIME_SECONDS} seconds instead of an hour.
 */
class TokenRefreshWebTest {

    static final int LIFETIME_SECONDS = 4;

    @TempDir
    static Path dataDirectory;

    @BeforeAll
    static void start() {
        BrowserPerClass.start(dataDirectory, server -> server.localTokenLifetime(Duration.ofSeconds(LIFETIME_SECONDS)));
        accounts.create("tess@example.com", "Tess Token", "tess_token");
    }

    @AfterAll
    static void stop() {
        BrowserPerClass.stopServerAndBrowser();
    }

    @Test
    void anExpiredAccessTokenIsRefreshedWithoutThePersonNoticing() throws ParseException {
        ui.open("/signin");
        ui.signIn("tess@example.com", AccountClient.PASSWORD);
        String first = ui.storedAccessToken();
        Instant expires = SignedJWT.parse(first).getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(expires).isBefore(Instant.now().plusSeconds(LIFETIME_SECONDS + 1));

        String refreshToken = storedRefreshToken();

        // Wait (on the clock, not the page) until the stored token has expired.
        browser.waitUntil(driver -> Instant.now().isAfter(expires.plusMillis(500)));
        ui.recordCalls();
        ui.postCrud("Posted after my access token expired", "1-hour");

        String second = ui.storedAccessToken();
        assertThat(second).isNotEqualTo(first);
        Instant secondExpires = SignedJWT.parse(second).getJWTClaimsSet().getExpirationTime().toInstant();
        assertThat(secondExpires).isAfter(expires);
        assertThat(ui.element("nav-signout").isDisplayed()).isTrue();
        assertThat(browser.find(org.openqa.selenium.By.id("main")).getAttribute("data-page")).isEqualTo("/");
        // Refreshed before the call, not after the API refused it; and, as with Cognito without
        // rotation, the refresh answer has no refresh token: the first one is kept.
        assertThat(ui.recordedCalls()).startsWith("InitiateAuth 200", "POST /api/activities 201");
        assertThat(storedRefreshToken()).isEqualTo(refreshToken);

        // The kept refresh token works again when the second access token runs out.
        browser.waitUntil(driver -> Instant.now().isAfter(secondExpires.plusMillis(500)));
        ui.recordCalls();
        ui.postCrud("Posted after my second access token expired", "1-hour");
        assertThat(ui.recordedCalls()).startsWith("InitiateAuth 200", "POST /api/activities 201");
        assertThat(ui.storedAccessToken()).isNotEqualTo(second);
        assertThat(storedRefreshToken()).isEqualTo(refreshToken);
    }

    private static String storedRefreshToken() {
        String session = ui.storedSession();
        assertThat(session).as("the stored session").contains("\"refreshToken\"");
        return session.replaceFirst(".*\"refreshToken\":\"([^\"]+)\".*", "$1");
    }
}
