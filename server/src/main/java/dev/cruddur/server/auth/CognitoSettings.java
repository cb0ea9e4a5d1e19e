package dev.cruddur.server.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Cognito user pool (or look-alike) the API trusts, and for which app client.
 *
 * @param issuer     the exact {@code iss} of accepted tokens
 * @param jwksUrl    where the issuer publishes its signing keys
 * @param clientId   the app client the access tokens must have been issued to ({@code client_id})
 * @param region     the pool's AWS region; informational, may be null (e.g. an emulator issuer)
 * @param userPoolId the pool id; informational, null when only {@code COGNITO_ISSUER} is configured; with
 *                   {@code COGNITO_ISSUER} any non-blank id (an emulator's, e.g. {@code local_6bTPtxO3})
 * @param endpoint   where the user-pool API ({@code GetUser}) answers: {@code COGNITO_ENDPOINT}, else
 *                   {@code https://cognito-idp.<region>.amazonaws.com/}; null when neither is known,
 *                   and then a signed-in person without a row cannot be registered on the spot
 */
public record CognitoSettings(String issuer, URI jwksUrl, String clientId, String region, String userPoolId,
                              URI endpoint) {

    // <region>_<id>, e.g. us-east-1_AbCdEf123; the region part is what Cognito puts in the issuer host.
    private static final Pattern USER_POOL_ID = Pattern.compile("([a-z]{2}(?:-[a-z]+)+-\\d{1,2})_[0-9A-Za-z]+");

    public CognitoSettings {
        requireHttpUrl(issuer, "issuer");
        if (jwksUrl == null) {
            throw new IllegalArgumentException("jwksUrl is required");
        }
        requireHttpUrl(jwksUrl.toString(), "jwksUrl");
        if (endpoint != null) {
            requireHttpUrl(endpoint.toString(), "endpoint");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is required");
        }
    }

    /**
     * Reads the Cognito configuration; empty when neither {@code COGNITO_USER_POOL_ID} nor
     * {@code COGNITO_ISSUER} is set (then the server runs its development identity provider).
     * Blank values count as unset, as docker-compose and shell scripts often export empty variables.
     *
     * @throws IllegalArgumentException naming the variable, when Cognito mode is on but the
     *                                  configuration is incomplete or malformed
     */
    public static Optional<CognitoSettings> fromEnvironment(Map<String, String> env) {
        String poolId = value(env, "COGNITO_USER_POOL_ID");
        String issuerOverride = value(env, "COGNITO_ISSUER");
        if (poolId == null && issuerOverride == null) {
            return Optional.empty();
        }
        String clientId = value(env, "COGNITO_CLIENT_ID");
        if (clientId == null) {
            throw new IllegalArgumentException("COGNITO_CLIENT_ID is required when COGNITO_USER_POOL_ID or"
                    + " COGNITO_ISSUER is set: it is the app client id the access tokens are issued to");
        }

        String region = value(env, "AWS_REGION");
        String issuer = null;
        Matcher pool = poolId == null ? null : USER_POOL_ID.matcher(poolId);
        if (pool != null && pool.matches()) {
            // A pool lives in the region its id starts with, and that is the region in its issuer.
            // AWS_REGION is only where this process runs (ECS and Lambda set it), which can differ.
            region = pool.group(1);
            issuer = "https://cognito-idp." + region + ".amazonaws.com/" + poolId;
        } else if (pool != null && issuerOverride == null) {
            throw new IllegalArgumentException("COGNITO_USER_POOL_ID '" + poolId
                    + "' is not a user pool id; expected <region>_<id>, e.g. us-east-1_AbCdEf123"
                    + " (an emulator's pool id is accepted together with its COGNITO_ISSUER)");
        }
        if (issuerOverride != null) {
            // The issuer is what tokens are checked against; the pool id is then only passed on
            // to clients, so an emulator's own form (cognito-local's local_<id>) is fine.
            requireHttpUrl(issuerOverride, "COGNITO_ISSUER");
            issuer = issuerOverride;
        }

        String jwksOverride = value(env, "COGNITO_JWKS_URL");
        URI jwksUrl;
        if (jwksOverride != null) {
            requireHttpUrl(jwksOverride, "COGNITO_JWKS_URL");
            jwksUrl = URI.create(jwksOverride);
        } else {
            jwksUrl = URI.create((issuer.endsWith("/") ? issuer : issuer + "/") + ".well-known/jwks.json");
        }
        String endpointOverride = value(env, "COGNITO_ENDPOINT");
        URI endpoint;
        if (endpointOverride != null) {
            requireHttpUrl(endpointOverride, "COGNITO_ENDPOINT");
            endpoint = URI.create(endpointOverride);
        } else {
            endpoint = region == null ? null : URI.create("https://cognito-idp." + region + ".amazonaws.com/");
        }
        return Optional.of(new CognitoSettings(issuer, jwksUrl, clientId, region, poolId, endpoint));
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void requireHttpUrl(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            // The value is not echoed: a URL can carry credentials (user:password@host).
            throw new IllegalArgumentException(name + " is not a valid URL");
        }
        String scheme = uri.getScheme();
        boolean http = "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
        if (!http || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL with a host");
        }
    }
}
