package dev.cruddur.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.cruddur.server.ApiClient;
import dev.cruddur.server.ApiClient.Response;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.server.TestServer;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path of a bearer token through the running server: the crud is attributed to the
 * token's user, and every kind of bad token is a 401 that writes nothing.
 */
class TokensOverHttpTest {

    private static FakeCognitoPool issuer;
    private static TestServer server;
    private static ApiClient api;
    private static SignedUpUser carol;
    private static SignedUpUser dave;

    @BeforeAll
    static void start() {
        issuer = FakeCognitoPool.start();
        server = TestServer.trusting(issuer).start();
        api = server.client();
        carol = SignedUpUser.register(server.database(), "carol", "Carol");
        dave = SignedUpUser.register(server.database(), "dave", "Dave");
    }

    @AfterAll
    static void stop() {
        server.close();
        issuer.close();
    }

    private static Response postWith(String token) {
        return api.postJson("/api/activities", "{\"message\":\"token test\",\"ttl\":\"1-hour\"}", token);
    }

    @Test
    void aValidTokenPostsAsItsOwnUserOnly() {
        Response asCarol = postWith(issuer.accessTokenFor(carol.sub()));
        assertThat(asCarol.status()).isEqualTo(201);
        assertThat(asCarol.json().get("handle").asText()).isEqualTo("carol");

        Response asDave = postWith(issuer.accessTokenFor(dave.sub()));
        assertThat(asDave.json().get("handle").asText()).isEqualTo("dave");

        String uuid = asCarol.json().get("uuid").asText();
        assertThat(api.get("/api/activities/" + uuid).json().get("handle").asText()).isEqualTo("carol");
    }

    @Test
    void everyKindOfBadTokenIs401AndWritesNothing() throws Exception {
        String sub = carol.sub();
        Function<java.util.function.Consumer<JWTClaimsSet.Builder>, String> variant =
                change -> issuer.accessToken(claims -> {
                    claims.subject(sub);
                    change.accept(claims);
                });
        JWTClaimsSet valid = issuer.accessTokenClaims().subject(sub).build();
        byte[] publicKey = issuer.signingKey().toRSAPublicKey().getEncoded();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.signingKey().getKeyID()).build(), valid);
        hmac.sign(new MACSigner(publicKey));

        Map<String, String> badTokens = new java.util.LinkedHashMap<>();
        badTokens.put("expired", variant.apply(c -> c.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))));
        badTokens.put("wrong issuer", variant.apply(c -> c.issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")));
        badTokens.put("wrong client_id", variant.apply(c -> c.claim("client_id", "someone-elses-app")));
        badTokens.put("id token", variant.apply(c -> c.claim("token_use", "id").claim("client_id", null).audience(issuer.clientId())));
        badTokens.put("alg none", new PlainJWT(valid).serialize());
        badTokens.put("HMAC keyed with the public key", hmac.serialize());
        badTokens.put("tampered payload", tamper(issuer.accessTokenFor(dave.sub()), sub));
        badTokens.put("unknown kid", issuer.accessToken(FakeCognitoPool.newKey("not-published"), c -> c.subject(sub)));

        int before = countActivities();
        int fetchesBefore = issuer.jwksRequests();
        badTokens.forEach((kind, token) -> {
            Response response = postWith(token);
            assertThat(response.status()).as(kind).isEqualTo(401);
            assertThat(response.errorCodes()).as(kind).containsAnyOf("token_invalid", "token_expired");
            assertThat(response.body()).as(kind).doesNotContain(token);
        });
        assertThat(postWith(badTokens.get("expired")).errorCodes()).containsExactly("token_expired");
        assertThat(countActivities()).isEqualTo(before);
        assertThat(issuer.jwksRequests() - fetchesBefore).as("one refetch for the unknown kid").isEqualTo(1);
    }

    /** Swaps the payload of a validly signed token for one naming another user; the signature stays. */
    private static String tamper(String token, String newSub) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replaceAll("\"sub\":\"[^\"]+\"", "\"sub\":\"" + newSub + "\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    private static int countActivities() {
        return server.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM activities").mapTo(Integer.class).one());
    }
}
