package dev.cruddur.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in for a Cognito user pool in tests: serves a JWK set over real HTTP on a random
 * loopback port, signs Cognito-shaped access tokens with real RSA keys, answers Cognito's
 * {@code GetUser} (JSON protocol, as the AWS SDK sends it) for the people it has been told about,
 * and counts both kinds of request. Its issuer follows Cognito's layout ({@code <issuer>/.well-known/jwks.json}), so
 * {@link #environment()} works with {@link CognitoSettings#fromEnvironment}.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String DEFAULT_CLIENT_ID = "test-app-client";
    private static final String JWKS_PATH = "/.well-known/jwks.json";
    private static final String POOL = "us-east-1_TestPool1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String issuer;
    private final String clientId;
    private final RSAKey signingKey;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger getUserRequests = new AtomicInteger();
    private final Map<String, Map<String, String>> people = new ConcurrentHashMap<>();
    private volatile CannedAnswer cannedAnswer;
    private volatile CannedAnswer cannedGetUserAnswer;

    /** What the JWK set endpoint answers instead of the keys, to simulate a broken issuer. */
    private record CannedAnswer(int status, String body) {
    }

    private TestIssuer(String clientId) {
        this.clientId = clientId;
        this.signingKey = newKey("test-key-1");
        this.published.add(signingKey);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + POOL;
        server.createContext("/" + POOL + JWKS_PATH, this::serveJwks);
        server.createContext("/", this::serveUserPoolApi);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.start();
    }

    /** A running issuer for the app client {@value #DEFAULT_CLIENT_ID}, publishing one key. */
    public static TestIssuer start() {
        return new TestIssuer(DEFAULT_CLIENT_ID);
    }

    public static TestIssuer start(String clientId) {
        return new TestIssuer(clientId);
    }

    /** A fresh 2048-bit RSA signing key, not published anywhere. */
    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serveJwks(HttpExchange exchange) throws IOException {
        try {
            jwksRequests.incrementAndGet();
            CannedAnswer canned = cannedAnswer;
            int status = canned == null ? 200 : canned.status();
            String body = canned == null
                    ? new JWKSet(published.stream().map(key -> (JWK) key.toPublicJWK()).toList()).toString()
                    : canned.body();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            // -1: no body; 0 would mean "chunked" to HttpServer.
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } finally {
            exchange.close();
        }
    }

    /** Cognito's GetUser: the attributes of the token's {@code sub}, if {@link #addPerson} named them. */
    private void serveUserPoolApi(HttpExchange exchange) throws IOException {
        try {
            getUserRequests.incrementAndGet();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            CannedAnswer canned = cannedGetUserAnswer;
            if (canned != null) {
                respond(exchange, canned.status(), canned.body());
            } else if (!"POST".equals(exchange.getRequestMethod())
                    || !"AWSCognitoIdentityProviderService.GetUser".equals(target)) {
                respond(exchange, 400, cognitoError("UnknownOperationException", "Only GetUser is served here."));
            } else {
                Map<String, String> person = people.get(subjectOf(exchange));
                if (person == null) {
                    respond(exchange, 400, cognitoError("UserNotFoundException", "User does not exist."));
                } else {
                    ObjectNode body = MAPPER.createObjectNode().put("Username", person.get("sub"));
                    ArrayNode attributes = body.putArray("UserAttributes");
                    person.forEach((name, value) -> attributes.addObject().put("Name", name).put("Value", value));
                    respond(exchange, 200, body.toString());
                }
            }
        } finally {
            exchange.close();
        }
    }

    private static String subjectOf(HttpExchange exchange) throws IOException {
        try {
            String token = MAPPER.readTree(exchange.getRequestBody()).path("AccessToken").asText();
            // A stand-in: the server under test has verified the token already.
            return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private static String cognitoError(String type, String message) {
        return MAPPER.createObjectNode().put("__type", type).put("message", message).toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Makes GetUser know this person: Cognito attributes by name ({@code sub} is added). */
    public void addPerson(String sub, Map<String, String> attributes) {
        Map<String, String> all = new java.util.LinkedHashMap<>(attributes);
        all.put("sub", sub);
        people.put(sub, all);
    }

    /** How many user-pool API (GetUser) requests arrived. */
    public int getUserRequests() {
        return getUserRequests.get();
    }

    /** From now on GetUser answers this (an outage, throttling); null restores normal answers. */
    public void answerGetUserWith(int status, String body) {
        cannedGetUserAnswer = body == null ? null : new CannedAnswer(status, body);
    }

    /** Where the user-pool API answers, as {@code COGNITO_ENDPOINT} would say. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public String issuer() {
        return issuer;
    }

    public URI jwksUrl() {
        return URI.create(issuer + JWKS_PATH);
    }

    public String clientId() {
        return clientId;
    }

    /** Settings for a verifier that trusts this issuer. */
    public CognitoSettings settings() {
        return new CognitoSettings(issuer, jwksUrl(), clientId, "us-east-1", null, endpoint());
    }

    /** The variables that point {@link CognitoSettings#fromEnvironment} (and so the server) at this issuer. */
    public Map<String, String> environment() {
        return Map.of("COGNITO_ISSUER", issuer, "COGNITO_CLIENT_ID", clientId, "COGNITO_ENDPOINT", endpoint().toString());
    }

    /** The key tokens are signed with unless a test says otherwise; it is published. */
    public RSAKey signingKey() {
        return signingKey;
    }

    /** Adds a key to the JWK set (key rotation). */
    public void publish(RSAKey key) {
        published.add(key);
    }

    /** How many times the JWK set was requested. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** From now on the JWK set endpoint answers this instead of the keys (an outage, an error page, an empty set). */
    public void answerJwksWith(int status, String body) {
        cannedAnswer = new CannedAnswer(status, body);
    }

    /** A valid access token for this user, signed with {@link #signingKey()}. */
    public String accessTokenFor(String sub) {
        return accessToken(claims -> claims.subject(sub).claim("username", sub));
    }

    /** A valid access token for a random user, changed by {@code customizer} (a claim set to null is left out). */
    public String accessToken(Consumer<JWTClaimsSet.Builder> customizer) {
        return accessToken(signingKey, customizer);
    }

    /** An access token signed with {@code key}, whose {@code kid} goes into the header. */
    public String accessToken(RSAKey key, Consumer<JWTClaimsSet.Builder> customizer) {
        JWTClaimsSet.Builder claims = accessTokenClaims();
        customizer.accept(claims);
        return sign(key, claims.build());
    }

    /**
     * Claims shaped like a Cognito access token for a random user, valid for an hour. In a pool
     * that signs users in by email, {@code username} is the same UUID as {@code sub}.
     */
    public JWTClaimsSet.Builder accessTokenClaims() {
        String sub = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(sub)
                .issuer(issuer)
                .claim("client_id", clientId)
                .claim("origin_jti", UUID.randomUUID().toString())
                .claim("event_id", UUID.randomUUID().toString())
                .claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .claim("username", sub);
    }

    /** Signs {@code claims} with RS256 and {@code key}, as Cognito does (header: alg and kid only). */
    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
