package dev.cruddur.testkit.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool over real HTTP, as a verifier and the AWS SDK reach it. */
class FakeCognitoPoolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final FakeCognitoPool pool = FakeCognitoPool.start("kit-client", 0);

    @AfterEach
    void stop() {
        pool.close();
    }

    @Test
    void aTokenVerifiesWithTheKeyItsJwkSetPublishes() throws Exception {
        HttpResponse<String> jwks = get(pool.jwksUrl());
        assertThat(jwks.statusCode()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(jwks.body());
        assertThat(keys.getKeys()).singleElement().satisfies(key -> assertThat(key.isPrivate()).isFalse());

        SignedJWT token = SignedJWT.parse(pool.accessTokenFor("sub-1"));
        RSAKey published = (RSAKey) keys.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(token.verify(new RSASSAVerifier(published))).isTrue();
        assertThat(token.getHeader().toJSONObject()).containsOnlyKeys("alg", "kid");

        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("sub-1");
        assertThat(claims.getStringClaim("username")).isEqualTo("sub-1");
        assertThat(claims.getIssuer()).isEqualTo(pool.issuer());
        assertThat(claims.getStringClaim("client_id")).isEqualTo("kit-client");
        assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
        assertThat(claims.getExpirationTime()).isCloseTo(Date.from(Instant.now().plus(Duration.ofHours(1))), 60_000);
        assertThat(pool.jwksRequests()).isEqualTo(1);
    }

    @Test
    void itsAddressesAreLaidOutAsCognitosAndItsEnvironmentNamesThem() {
        assertThat(pool.issuer()).matches("http://127\\.0\\.0\\.1:\\d+/us-east-1_\\w+");
        assertThat(pool.jwksUrl()).hasToString(pool.issuer() + "/.well-known/jwks.json");
        assertThat(pool.environment()).containsOnly(
                Map.entry("COGNITO_ISSUER", pool.issuer()),
                Map.entry("COGNITO_CLIENT_ID", "kit-client"),
                Map.entry("COGNITO_ENDPOINT", pool.endpoint().toString()),
                Map.entry("AWS_REGION", "us-east-1"));
    }

    @Test
    void aPublishedKeyJoinsTheSetAndAReplacedAnswerIsGivenUntilItIsWithdrawn() throws Exception {
        RSAKey rotated = FakeCognitoPool.newKey("rotated");
        pool.publish(rotated);
        assertThat(JWKSet.parse(get(pool.jwksUrl()).body()).getKeyByKeyId("rotated")).isNotNull();

        pool.answerJwksWith(503, "down for maintenance");
        HttpResponse<String> down = get(pool.jwksUrl());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("down for maintenance");

        pool.answerJwksWith(0, null);
        assertThat(JWKSet.parse(get(pool.jwksUrl()).body()).getKeys()).hasSize(2);
        assertThat(pool.jwksRequests()).isEqualTo(3);
    }

    @Test
    void aTokenOfAnUnpublishedKeyCarriesThatKeysIdAndTheCustomisedClaims() throws Exception {
        RSAKey stranger = FakeCognitoPool.newKey("stranger");
        SignedJWT token = SignedJWT.parse(
                pool.accessToken(stranger, claims -> claims.subject("sub-2").claim("scope", null)));

        assertThat(token.getHeader().getKeyID()).isEqualTo("stranger");
        assertThat(token.verify(new RSASSAVerifier(stranger.toPublicJWK()))).isTrue();
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("sub-2");
        assertThat(token.getJWTClaimsSet().getClaims()).doesNotContainKey("scope");
    }

    @Test
    void getUserAnswersThePeopleItKnowsInCognitosProtocol() throws Exception {
        pool.addPerson("sub-3", Map.of("email", "kit@example.com", "preferred_username", "kit"));

        HttpResponse<String> known = getUser(pool.accessTokenFor("sub-3"));
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(known.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
        JsonNode user = JSON.readTree(known.body());
        assertThat(user.get("Username").asText()).isEqualTo("sub-3");
        assertThat(user.get("UserAttributes").findValuesAsText("Name"))
                .containsExactlyInAnyOrder("sub", "email", "preferred_username");

        HttpResponse<String> stranger = getUser(pool.accessTokenFor("nobody"));
        assertThat(stranger.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(stranger.body()).get("__type").asText()).isEqualTo("UserNotFoundException");

        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(pool.endpoint())
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUsers")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(other.body()).get("__type").asText()).isEqualTo("UnknownOperationException");

        pool.answerGetUserWith(400, "{\"__type\":\"TooManyRequestsException\"}");
        assertThat(getUser(pool.accessTokenFor("sub-3")).body()).contains("TooManyRequestsException");
        pool.answerGetUserWith(0, null);
        assertThat(getUser(pool.accessTokenFor("sub-3")).statusCode()).isEqualTo(200);

        assertThat(pool.getUserRequests()).isEqualTo(5);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getUser(String accessToken) throws Exception {
        String body = JSON.createObjectNode().put("AccessToken", accessToken).toString();
        return HTTP.send(HttpRequest.newBuilder(pool.endpoint())
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.GetUser")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
