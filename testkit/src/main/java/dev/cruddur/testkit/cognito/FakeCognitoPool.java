package dev.cruddur.testkit.cognito;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A fake Cognito user pool on a loopback port, for the tests and the bench: it signs access
 * tokens shaped like Cognito's with real RSA keys, publishes its JWK set over real HTTP where
 * Cognito does ({@code <issuer>/.well-known/jwks.json}), and answers Cognito's {@code GetUser}
 * for the people it has been told about, as the AWS SDK asks. It counts the requests of both
 * kinds, and can be told to answer as a pool that is down or broken.
 *
 * <p>{@link #environment()} holds the variables that point a Cruddur server at it; the server's
 * own reading of them ({@code CognitoSettings.fromEnvironment}) needs nothing else.
 */
public final class FakeCognitoPool implements AutoCloseable {

    public static final String DEFAULT_CLIENT_ID = "test-app-client";
    private static final String REGION = "us-east-1";
    private static final String POOL_ID = REGION + "_TestPool1";
    private static final String JWKS_PATH = "/.well-known/jwks.json";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final String clientId;
    private final RSAKey signingKey = newKey("test-key-1");
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final Endpoint jwks = new Endpoint("application/json", exchange -> new Endpoint.Answer(200,
            new JWKSet(published.stream().map(key -> (JWK) key.toPublicJWK()).toList()).toString()));
    private final UserPoolApi people = new UserPoolApi();
    private final Endpoint userPool = new Endpoint(UserPoolApi.CONTENT_TYPE, people);
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpServer server;

    private FakeCognitoPool(String clientId, int port) {
        this.clientId = clientId;
        published.add(signingKey);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        // Cognito's API answers at the root of its endpoint, whatever the action.
        Map.of("/" + POOL_ID + JWKS_PATH, jwks, "/", userPool).forEach(server::createContext);
        server.setExecutor(executor);
        server.start();
    }

    /** A running pool for the app client {@value #DEFAULT_CLIENT_ID}, publishing one key, on a free port. */
    public static FakeCognitoPool start() {
        return start(DEFAULT_CLIENT_ID, 0);
    }

    /** A running pool on {@code port} of the loopback address (0: any free one). */
    public static FakeCognitoPool start(String clientId, int port) {
        return new FakeCognitoPool(clientId, port);
    }

    /** A fresh 2048-bit RSA signing key, published nowhere until {@link #publish} is called with it. */
    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The {@code iss} of its tokens, laid out as Cognito's: the pool id under the host. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + POOL_ID;
    }

    public URI jwksUrl() {
        return URI.create(issuer() + JWKS_PATH);
    }

    /** Where the user-pool API (GetUser) answers, as {@code COGNITO_ENDPOINT} names it. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public String clientId() {
        return clientId;
    }

    /**
     * The variables that point a server at this pool. No pool id: the issuer says where the keys
     * are; the region is the one in the pool's issuer, as Cognito's region would be.
     */
    public Map<String, String> environment() {
        return Map.of("COGNITO_ISSUER", issuer(), "COGNITO_CLIENT_ID", clientId,
                "COGNITO_ENDPOINT", endpoint().toString(), "AWS_REGION", REGION);
    }

    /** The key tokens are signed with unless a test says otherwise; it is published. */
    public RSAKey signingKey() {
        return signingKey;
    }

    /** Adds a key to the JWK set, as a pool does when it rotates its keys. */
    public void publish(RSAKey key) {
        published.add(key);
    }

    /** How many times the JWK set was asked for. */
    public int jwksRequests() {
        return jwks.requests();
    }

    /**
     * From now on the JWK set's address answers this instead of the keys (an outage, an error
     * page, an empty set); a null body gives the keys again.
     */
    public void answerJwksWith(int status, String body) {
        jwks.answerWith(status, body);
    }

    /** Makes GetUser know this person: their Cognito attributes by name ({@code sub} is added). */
    public void addPerson(String sub, Map<String, String> attributes) {
        people.addPerson(sub, attributes);
    }

    /** How many requests reached the user-pool API (GetUser, or anything else sent there). */
    public int getUserRequests() {
        return userPool.requests();
    }

    /** From now on GetUser answers this (an outage, throttling); a null body restores normal answers. */
    public void answerGetUserWith(int status, String body) {
        userPool.answerWith(status, body);
    }

    /** A valid access token of this person, for an hour, signed with {@link #signingKey()}. */
    public String accessTokenFor(String sub) {
        return accessTokenFor(sub, TOKEN_LIFETIME);
    }

    /** A valid access token of this person, for {@code lifetime}, signed with {@link #signingKey()}. */
    public String accessTokenFor(String sub, Duration lifetime) {
        return sign(signingKey, claims(sub, lifetime).build());
    }

    /** A valid access token of a random person, changed by {@code customizer} (a claim set to null is left out). */
    public String accessToken(Consumer<JWTClaimsSet.Builder> customizer) {
        return accessToken(signingKey, customizer);
    }

    /** An access token signed with {@code key}, whose {@code kid} goes into the header, published or not. */
    public String accessToken(RSAKey key, Consumer<JWTClaimsSet.Builder> customizer) {
        JWTClaimsSet.Builder claims = accessTokenClaims();
        customizer.accept(claims);
        return sign(key, claims.build());
    }

    /** The claims of a valid access token of a random person, valid for an hour, for a test to change. */
    public JWTClaimsSet.Builder accessTokenClaims() {
        return claims(UUID.randomUUID().toString(), TOKEN_LIFETIME);
    }

    /**
     * The claims of a Cognito access token for {@code sub}, issued now. A pool that signs people
     * in by email makes {@code username} the same UUID as {@code sub}.
     */
    private JWTClaimsSet.Builder claims(String sub, Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(sub)
                .issuer(issuer())
                .claim("client_id", clientId)
                .claim("origin_jti", UUID.randomUUID().toString())
                .claim("event_id", UUID.randomUUID().toString())
                .claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("username", sub);
    }

    /** Signs with RS256; the header has what Cognito puts there, {@code alg} and {@code kid}, and nothing else. */
    private static String sign(RSAKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.getKeyID(), e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
