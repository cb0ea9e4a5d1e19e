package dev.cruddur.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path of a bearer token through the running server: the crud is attributed to the
 * token's user, and every kind of bad token is a 401 that writes nothing.
 */
class TokensOverHttpTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    private static SignedUpUser carol;
    private static SignedUpUser dave;

    @BeforeAll
    static void start() {
        carol = app.register("carol", "Carol");
        dave = app.register("dave", "Dave");
    }

    private static Response postWith(String token) {
        return app.api().postJson("/api/activities", "{\"message\":\"token test\",\"ttl\":\"1-hour\"}", token);
    }

    @Test
    void aValidTokenPostsAsItsOwnUserOnly() {
        Response asCarol = postWith(app.tokenOf(carol));
        assertThat(asCarol.status()).isEqualTo(201);
        assertThat(asCarol.json().get("handle").asText()).isEqualTo("carol");

        Response asDave = postWith(app.tokenOf(dave));
        assertThat(asDave.json().get("handle").asText()).isEqualTo("dave");

        String uuid = asCarol.json().get("uuid").asText();
        assertThat(app.api().get("/api/activities/" + uuid).json().get("handle").asText()).isEqualTo("carol");
    }

    @Test
    void everyKindOfBadTokenIs401AndWritesNothing() throws Exception {
        String sub = carol.sub();
        Function<java.util.function.Consumer<JWTClaimsSet.Builder>, String> variant =
                change -> app.pool().accessToken(claims -> {
                    claims.subject(sub);
                    change.accept(claims);
                });
        JWTClaimsSet valid = app.pool().accessTokenClaims().subject(sub).build();
        byte[] publicKey = app.pool().signingKey().toRSAPublicKey().getEncoded();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(app.pool().signingKey().getKeyID()).build(), valid);
        hmac.sign(new MACSigner(publicKey));

        Map<String, String> badTokens = new java.util.LinkedHashMap<>();
        badTokens.put("expired", variant.apply(c -> c.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1))))));
        badTokens.put("wrong issuer", variant.apply(c -> c.issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")));
        badTokens.put("wrong client_id", variant.apply(c -> c.claim("client_id", "someone-elses-app")));
        badTokens.put("id token", variant.apply(c -> c.claim("token_use", "id").claim("client_id", null).audience(app.pool().clientId())));
        badTokens.put("alg none", new PlainJWT(valid).serialize());
        badTokens.put("HMAC keyed with the public key", hmac.serialize());
        badTokens.put("tampered payload", tamper(app.tokenOf(dave), sub));
        badTokens.put("unknown kid", app.pool().accessToken(FakeCognitoPool.newKey("not-published"), c -> c.subject(sub)));

        int before = countActivities();
        int fetchesBefore = app.pool().jwksRequests();
        badTokens.forEach((kind, token) -> {
            Response response = postWith(token);
            assertThat(response.status()).as(kind).isEqualTo(401);
            assertThat(response.errorCodes()).as(kind).containsAnyOf("token_invalid", "token_expired");
            assertThat(response.body()).as(kind).doesNotContain(token);
        });
        assertThat(postWith(badTokens.get("expired")).errorCodes()).containsExactly("token_expired");
        assertThat(countActivities()).isEqualTo(before);
        assertThat(app.pool().jwksRequests() - fetchesBefore).as("one refetch for the unknown kid").isEqualTo(1);
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
        return app.server().database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM activities").mapTo(Integer.class).one());
    }
}
