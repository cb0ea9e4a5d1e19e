package dev.cruddur.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.text.ParseException;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies Amazon Cognito access tokens (or tokens of the same shape from another issuer):
 * an RS256 signature by a key in the issuer's JWK set, {@code iss} equal to the configured issuer,
 * {@code token_use = access}, {@code client_id} equal to the configured app client, an {@code exp}
 * in the future (with a small clock skew) and a {@code sub}.
 *
 * <p>One instance serves all requests concurrently: Nimbus's processor is immutable once
 * configured, and the key cache locks its own refreshes.
 */
public final class AccessTokenVerifier {

    // Real access tokens are 1–2 KB; far bigger input is not a token and not worth parsing.
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    // Tolerates clocks a little apart between Cognito and this server, no more.
    private static final int MAX_CLOCK_SKEW_SECONDS = 30;

    private final DefaultJWTProcessor<SecurityContext> processor;

    public AccessTokenVerifier(CognitoSettings settings) {
        this(settings, JwksPolicy.DEFAULT);
    }

    AccessTokenVerifier(CognitoSettings settings, JwksPolicy policy) {
        this(Objects.requireNonNull(settings, "settings").issuer(), settings.clientId(),
                new IssuerKeys(jwksUrl(settings), policy));
    }

    private AccessTokenVerifier(String issuer, String clientId, JWKSource<SecurityContext> keys) {
        processor = new DefaultJWTProcessor<>();
        // RS256 is all Cognito signs with. Pinning it is what stops "alg: none" and the HS256
        // trick (an HMAC keyed with the public key): the key selector offers no key for them.
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new AccessTokenClaims(issuer, clientId));
    }

    /**
     * For an issuer whose keys are at hand (the development identity provider verifies the
     * tokens it signed itself): the same checks, with no JWK set to fetch.
     */
    public static AccessTokenVerifier forKeys(String issuer, String clientId, JWKSet publicKeys) {
        return new AccessTokenVerifier(issuer, clientId, new ImmutableJWKSet<>(publicKeys.toPublicJWKSet()));
    }

    private static URL jwksUrl(CognitoSettings settings) {
        try {
            return settings.jwksUrl().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("the JWKS URL is not a usable URL", e);
        }
    }

    /**
     * @return who the token was issued to
     * @throws TokenRejectedException               {@code token_expired} for a genuine but expired
     *                                              token, {@code token_invalid} for anything else
     * @throws IdentityProviderUnavailableException when the issuer's keys cannot be fetched
     */
    public VerifiedToken verify(String token) {
        if (token == null || token.isBlank()) {
            throw TokenRejectedException.invalid("no token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw TokenRejectedException.invalid("the token is too large");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw TokenRejectedException.invalid("the token is not a well-formed JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            // An unsecured ("alg": "none") or an encrypted JWT.
            throw TokenRejectedException.invalid("the token is not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
            throw TokenRejectedException.invalid("the token is not signed with RS256");
        }

        JWTClaimsSet claims;
        try {
            // Checks the signature first and the claims only after it, so an expired token is
            // reported as such only when it is genuine.
            claims = processor.process(signed, null);
        } catch (ExpiredJWTException e) {
            throw TokenRejectedException.expired();
        } catch (ClaimRejected e) {
            throw TokenRejectedException.invalid(e.getMessage());
        } catch (BadJWSException e) {
            throw TokenRejectedException.invalid("the token's signature is not valid");
        } catch (BadJWTException e) {
            throw TokenRejectedException.invalid("the token's claims are not valid");
        } catch (BadJOSEException e) {
            throw TokenRejectedException.invalid("the token is not signed with a key of the issuer");
        } catch (KeySourceException e) {
            throw new IdentityProviderUnavailableException("the identity provider's signing keys could not be fetched", e);
        } catch (JOSEException e) {
            throw TokenRejectedException.invalid("the token's signature could not be verified");
        }

        String username;
        String originJti;
        try {
            username = claims.getStringClaim("username");
            originJti = claims.getStringClaim("origin_jti");
        } catch (ParseException e) {
            throw TokenRejectedException.invalid("the token's username or origin_jti claim is not a string");
        }
        return new VerifiedToken(claims.getSubject(), username, (String) claims.getClaim("client_id"),
                claims.getExpirationTime().toInstant(), originJti);
    }

    /** A claim check failed; the message is ours, safe to show. */
    private static final class ClaimRejected extends BadJWTException {
        ClaimRejected(String message) {
            super(message);
        }
    }

    /**
     * The identity checks, with messages of our own (Nimbus's quote claim values), then Nimbus's
     * time checks ({@code exp} required and in the future, {@code nbf} if present) so expiry
     * keeps its own exception type and clock-skew handling.
     */
    private static final class AccessTokenClaims implements JWTClaimsSetVerifier<SecurityContext> {

        private final String issuer;
        private final String clientId;
        private final DefaultJWTClaimsVerifier<SecurityContext> timeChecks;

        AccessTokenClaims(String issuer, String clientId) {
            this.issuer = issuer;
            this.clientId = clientId;
            this.timeChecks = new DefaultJWTClaimsVerifier<>(null, null, Set.of("exp"), null);
            this.timeChecks.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            if (!issuer.equals(claims.getIssuer())) {
                throw new ClaimRejected("the token is from another issuer");
            }
            // ID tokens are signed by the same keys and carry the same sub; only this tells them apart.
            if (!"access".equals(claims.getClaim("token_use"))) {
                throw new ClaimRejected("the token is not an access token");
            }
            if (!clientId.equals(claims.getClaim("client_id"))) {
                throw new ClaimRejected("the token was issued to another client");
            }
            String sub = claims.getSubject();
            if (sub == null || sub.isBlank()) {
                throw new ClaimRejected("the token has no subject");
            }
            try {
                timeChecks.verify(claims, context);
            } catch (ExpiredJWTException e) {
                throw e;
            } catch (BadJWTException e) {
                throw new ClaimRejected("the token has no expiry or is not valid yet");
            }
        }
    }
}
