package dev.cruddur.localcognito;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs access and ID tokens shaped like Cognito's (RS256, {@code kid} in the header, Cognito's
 * claim names and lifetimes), so that clients and the server's own verifier cannot tell them
 * apart from a user pool's. As in a Cognito pool that signs people in with their email, the
 * {@code username} is the same UUID as the {@code sub}.
 */
final class TokenIssuer {

    static final String SCOPE = "aws.cognito.signin.user.admin";

    /** The two tokens of one sign-in or refresh. */
    record Tokens(String accessToken, String idToken) {
        @Override
        public String toString() {
            return "Tokens[…]";
        }
    }

    /**
     * The sign-in a token belongs to: when the password was checked, and the id all tokens of
     * that sign-in share ({@code origin_jti}), refreshes included.
     */
    record Session(Instant authTime, UUID originJti) {
    }

    private final RSAKey key;
    private final JWSSigner signer;
    private final Clock clock;
    private final Duration lifetime;

    /** @param lifetime of access and ID tokens: Cognito's one hour, shorter only in tests */
    TokenIssuer(RSAKey key, Clock clock, Duration lifetime) {
        this.key = key;
        this.clock = clock;
        this.lifetime = lifetime;
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the signing key cannot sign", e);
        }
    }

    Tokens issue(String issuer, String clientId, Account account, Session session) {
        Instant now = clock.instant();
        Date issuedAt = Date.from(now);
        Date expires = Date.from(now.plus(lifetime));
        String sub = account.sub().toString();
        String originJti = session.originJti().toString();
        long authTime = session.authTime().getEpochSecond();

        JWTClaimsSet access = new JWTClaimsSet.Builder()
                .subject(sub)
                .issuer(issuer)
                .claim("client_id", clientId)
                .claim("origin_jti", originJti)
                .claim("event_id", UUID.randomUUID().toString())
                .claim("token_use", "access")
                .claim("scope", SCOPE)
                .claim("auth_time", authTime)
                .issueTime(issuedAt)
                .expirationTime(expires)
                .jwtID(UUID.randomUUID().toString())
                .claim("username", sub)
                .build();
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
                .subject(sub)
                .issuer(issuer)
                .audience(clientId)
                .claim("origin_jti", originJti)
                .claim("event_id", UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("auth_time", authTime)
                .issueTime(issuedAt)
                .expirationTime(expires)
                .jwtID(UUID.randomUUID().toString())
                .claim("cognito:username", sub)
                .claim("email", account.email())
                .claim("email_verified", account.confirmed())
                .claim("preferred_username", account.preferredUsername());
        if (account.name() != null) {
            id.claim("name", account.name());
        }
        return new Tokens(sign(access), sign(id.build()));
    }

    /** How long the tokens it signs last ({@code ExpiresIn}). */
    Duration lifetime() {
        return lifetime;
    }

    /** The public half of the signing key, as the JWKS endpoint publishes it. */
    JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
    }
}
