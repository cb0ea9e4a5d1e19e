package dev.cruddur.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTokenVerifierTest {

    private FakeCognitoPool issuer;
    private AccessTokenVerifier verifier;

    @BeforeEach
    void startIssuer() {
        issuer = FakeCognitoPool.start();
        verifier = new AccessTokenVerifier(PoolSettings.of(issuer));
    }

    @AfterEach
    void stopIssuer() {
        issuer.close();
    }

    @Test
    void acceptsAValidAccessToken() {
        Instant before = Instant.now();
        String token = issuer.accessToken(claims -> claims
                .subject("0f6c1a52-7d3e-4b8e-9a35-2f1c9d7e4b10")
                .claim("username", "alice@example.com"));

        VerifiedToken verified = verifier.verify(token);

        assertThat(verified.sub()).isEqualTo("0f6c1a52-7d3e-4b8e-9a35-2f1c9d7e4b10");
        assertThat(verified.username()).isEqualTo("alice@example.com");
        assertThat(verified.clientId()).isEqualTo(FakeCognitoPool.DEFAULT_CLIENT_ID);
        assertThat(verified.expiresAt()).isBetween(
                before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(verified.toString()).doesNotContain(token);
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void acceptsTheFixturesDefaultToken() {
        VerifiedToken verified = verifier.verify(issuer.accessTokenFor("user-sub-1"));

        assertThat(verified.sub()).isEqualTo("user-sub-1");
        assertThat(verified.username()).isEqualTo("user-sub-1");
    }

    @Test
    void acceptsATokenWithoutUsername() {
        VerifiedToken verified = verifier.verify(issuer.accessToken(claims -> claims.claim("username", null)));

        assertThat(verified.username()).isNull();
    }

    @Test
    void rejectsAnExpiredTokenAsExpired() {
        String token = issuer.accessToken(claims -> claims
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(65))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))));

        assertRejected(token, "token_expired");
    }

    @Test
    void toleratesASmallClockSkew() {
        String token = issuer.accessToken(claims -> claims
                .expirationTime(Date.from(Instant.now().minus(Duration.ofSeconds(10)))));

        assertThat(verifier.verify(token).sub()).isNotBlank();
    }

    @Test
    void rejectsATokenFromAnotherIssuer() {
        String token = issuer.accessToken(claims -> claims
                .issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_SomeoneElse"));

        assertRejected(token, "token_invalid");
    }

    @Test
    void rejectsATokenForAnotherClient() {
        String token = issuer.accessToken(claims -> claims.claim("client_id", "another-app-client"));

        assertRejected(token, "token_invalid");
    }

    @Test
    void rejectsAnIdToken() {
        // Cognito ID tokens are signed by the same keys, but name the client in aud, not client_id.
        String token = issuer.accessToken(claims -> claims
                .claim("token_use", "id")
                .claim("client_id", null)
                .claim("scope", null)
                .audience(issuer.clientId())
                .claim("email", "alice@example.com"));

        assertThat(assertRejected(token, "token_invalid")).hasMessageContaining("not an access token");
    }

    @Test
    void rejectsAnIdTokenEvenWithAClientIdClaim() {
        String token = issuer.accessToken(claims -> claims.claim("token_use", "id"));

        assertRejected(token, "token_invalid");
    }

    @Test
    void rejectsATokenWithoutTokenUse() {
        String token = issuer.accessToken(claims -> claims.claim("token_use", null));

        assertRejected(token, "token_invalid");
    }

    @Test
    void rejectsAnUnsecuredToken() {
        String token = new PlainJWT(issuer.accessTokenClaims().build()).serialize();

        assertThat(assertRejected(token, "token_invalid")).hasMessageContaining("not a signed JWT");
        assertThat(issuer.jwksRequests()).isZero();
    }

    @Test
    void rejectsAnHmacTokenKeyedWithThePublicKey() throws Exception {
        // The classic algorithm confusion: a verifier that takes "alg" from the token would check
        // this HMAC with the (public) RSA key bytes as the secret, and accept it.
        RSAKey publicKey = issuer.signingKey().toPublicJWK();
        List<byte[]> secrets = List.of(
                publicKey.toRSAPublicKey().getEncoded(),
                publicKey.toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (byte[] secret : secrets) {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(),
                    issuer.accessTokenClaims().build());
            jwt.sign(new MACSigner(secret));

            assertThat(assertRejected(jwt.serialize(), "token_invalid")).hasMessageContaining("RS256");
        }
        assertThat(issuer.jwksRequests()).isZero();
    }

    @Test
    void rejectsATamperedPayload() {
        String token = issuer.accessTokenFor("honest-user");
        String[] parts = token.split("\\.");
        JWTClaimsSet forged = issuer.accessTokenClaims().subject("victim-user").build();
        String tampered = parts[0] + "." + Base64URL.encode(forged.toString()) + "." + parts[2];

        assertThat(assertRejected(tampered, "token_invalid")).hasMessageContaining("signature");
    }

    @Test
    void rejectsAnUnknownKidAfterExactlyOneRefetch() {
        verifier.verify(issuer.accessTokenFor("warm-up"));
        assertThat(issuer.jwksRequests()).isEqualTo(1);

        String token = issuer.accessToken(FakeCognitoPool.newKey("not-published"), claims -> { });

        assertRejected(token, "token_invalid");
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void rejectsAnUnknownKidOnAColdCacheAfterOneFetchAndOneRefetch() {
        String token = issuer.accessToken(FakeCognitoPool.newKey("not-published"), claims -> { });

        assertRejected(token, "token_invalid");
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void rejectsATokenSignedByAnotherKeyUnderAKnownKid() {
        RSAKey impostor = FakeCognitoPool.newKey(issuer.signingKey().getKeyID());
        String token = issuer.accessToken(impostor, claims -> { });

        assertThat(assertRejected(token, "token_invalid")).hasMessageContaining("signature");
        // The kid was found, so there was no reason to refetch.
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "abc", "a.b", "a.b.c", "a.b.c.d.e", "eyJhbGciOiJSUzI1NiJ9.e30.",
            "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"})
    void rejectsGarbage(String token) {
        TokenRejectedException rejected = catchThrowableOfType(TokenRejectedException.class, () -> verifier.verify(token));

        assertThat(rejected).isNotNull();
        assertThat(rejected.code()).isEqualTo("token_invalid");
    }

    @Test
    void rejectsAnAbsurdlyLargeToken() {
        String token = issuer.accessToken(claims -> claims.claim("padding", "x".repeat(20_000)));

        assertRejected(token, "token_invalid");
        assertThat(issuer.jwksRequests()).isZero();
    }

    @Test
    void rejectsATokenWithoutSubject() {
        assertRejected(issuer.accessToken(claims -> claims.subject(null)), "token_invalid");
        assertRejected(issuer.accessToken(claims -> claims.subject(" ")), "token_invalid");
    }

    @Test
    void rejectsATokenWithoutExpiry() {
        assertRejected(issuer.accessToken(claims -> claims.expirationTime(null)), "token_invalid");
    }

    @Test
    void rejectsATokenNotValidYet() {
        String token = issuer.accessToken(claims -> claims.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))));

        assertRejected(token, "token_invalid");
    }

    @Test
    void reportsForgedExpiredTokensAsInvalidNotExpired() {
        // Claims are only looked at once the signature holds.
        String token = issuer.accessToken(FakeCognitoPool.newKey(issuer.signingKey().getKeyID()), claims -> claims
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));

        assertRejected(token, "token_invalid");
    }

    @Test
    void acceptsAKeyPublishedAfterTheFirstFetch() {
        String oldToken = issuer.accessTokenFor("before-rotation");
        verifier.verify(oldToken);
        RSAKey rotated = FakeCognitoPool.newKey("test-key-2");
        issuer.publish(rotated);

        VerifiedToken verified = verifier.verify(issuer.accessToken(rotated, claims -> claims.subject("after-rotation")));

        assertThat(verified.sub()).isEqualTo("after-rotation");
        assertThat(issuer.jwksRequests()).isEqualTo(2);
        verifier.verify(oldToken);
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void fetchesTheKeysOnceForManyConcurrentVerifications() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(issuer.accessTokenFor("user-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<VerifiedToken>> calls = tokens.stream()
                    .map(token -> (Callable<VerifiedToken>) () -> verifier.verify(token))
                    .toList();
            List<String> subs = new ArrayList<>();
            for (Future<VerifiedToken> result : pool.invokeAll(calls)) {
                subs.add(result.get().sub());
            }
            assertThat(subs).hasSize(200).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void rateLimitsRefetchesForUnknownKids() {
        RSAKey stranger = FakeCognitoPool.newKey("made-up");
        verifier.verify(issuer.accessTokenFor("warm-up"));

        for (int i = 0; i < 5; i++) {
            RSAKey madeUp = new RSAKey.Builder(stranger).keyID("made-up-" + i).build();
            // Rejected as invalid, not as "identity provider unavailable", though the refetch is refused.
            assertRejected(issuer.accessToken(madeUp, claims -> { }), "token_invalid");
        }

        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void refetchesForAnUnknownKidAgainOnceTheRateLimitWindowHasPassed() throws Exception {
        Duration window = Duration.ofSeconds(1);
        verifier = new AccessTokenVerifier(PoolSettings.of(issuer),
                new JwksPolicy(Duration.ofMinutes(5), window, Duration.ofSeconds(2)));
        // Keys are made up front: generating them takes a while, and all of this must fit in one window.
        String strangerToken = issuer.accessToken(FakeCognitoPool.newKey("made-up"), claims -> { });
        RSAKey rotated = FakeCognitoPool.newKey("test-key-2");
        String rotatedToken = issuer.accessToken(rotated, claims -> { });

        verifier.verify(issuer.accessTokenFor("warm-up"));
        assertRejected(strangerToken, "token_invalid");
        assertThat(issuer.jwksRequests()).isEqualTo(2);
        issuer.publish(rotated);
        // Within the window the new key cannot be fetched yet...
        assertRejected(rotatedToken, "token_invalid");
        assertThat(issuer.jwksRequests()).isEqualTo(2);

        Thread.sleep(window.toMillis() + 200);

        // ...after it, it can.
        assertThat(verifier.verify(rotatedToken).sub()).isNotBlank();
        assertThat(issuer.jwksRequests()).isEqualTo(3);
    }

    @Test
    void keepsUsingCachedKeysWhileTheIssuerIsDown() {
        verifier.verify(issuer.accessTokenFor("warm-up"));
        issuer.answerJwksWith(500, "{\"message\":\"internal error\"}");

        assertThat(verifier.verify(issuer.accessTokenFor("later")).sub()).isEqualTo("later");
        assertThat(issuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    void reportsTheIssuerUnavailableWhenNothingListens() {
        String token = issuer.accessTokenFor("someone");
        issuer.close();

        // Repeatedly: once the rate limiter refuses further attempts it is still an outage, not a bad token.
        for (int i = 0; i < 4; i++) {
            assertUnavailable(token);
        }
    }

    @Test
    void reportsTheIssuerUnavailableOnAnErrorStatus() {
        issuer.answerJwksWith(503, "{\"message\":\"Service Unavailable\"}");

        assertUnavailable(issuer.accessTokenFor("someone"));
    }

    @Test
    void reportsTheIssuerUnavailableOnABodyThatIsNotAJwkSet() {
        issuer.answerJwksWith(200, "<html><body>Welcome to nginx!</body></html>");

        assertUnavailable(issuer.accessTokenFor("someone"));
    }

    @Test
    void reportsTheIssuerUnavailableWhenItDoesNotAnswerInTime() throws Exception {
        // The kernel accepts connections into the backlog; nobody ever reads or answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI jwksUrl = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/.well-known/jwks.json");
            CognitoSettings settings = new CognitoSettings(issuer.issuer(), jwksUrl, issuer.clientId(), null, null, null);
            verifier = new AccessTokenVerifier(settings, new JwksPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMillis(300)));

            assertUnavailable(issuer.accessTokenFor("someone"));
        }
    }

    @Test
    void rejectsATokenWhenTheJwkSetHasNoKeys() {
        // The issuer answered fine: a missing key is the token's problem, not an outage.
        issuer.answerJwksWith(200, "{\"keys\":[]}");

        assertRejected(issuer.accessTokenFor("someone"), "token_invalid");
    }

    private TokenRejectedException assertRejected(String token, String code) {
        TokenRejectedException rejected = catchThrowableOfType(TokenRejectedException.class, () -> verifier.verify(token));

        assertThat(rejected).as("rejection of the token").isNotNull();
        assertThat(rejected.code()).isEqualTo(code);
        assertThat(rejected.getMessage()).isNotBlank().hasSizeLessThan(80).doesNotContain(token);
        assertThat(rejected.getCause()).isNull();
        return rejected;
    }

    private void assertUnavailable(String token) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(IdentityProviderUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("identity_provider_unavailable");
                    assertThat(e.getMessage()).doesNotContain(token);
                });
    }
}
