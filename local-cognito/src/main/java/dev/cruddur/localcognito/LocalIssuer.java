package dev.cruddur.localcognito;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.text.ParseException;
import java.util.Set;

/**
 * The provider's issuer ({@code http://localhost:<port>/local-cognito}, as Cognito's contains its
 * pool), and the check its own actions ({@code GetUser}, {@code GlobalSignOut}) make of an access
 * token, as Cognito's do: signed by the key it holds, its own, an access token, unexpired. The
 * server's socket is bound before this is made, so the port is the real one even when port 0 was
 * asked for.
 */
final class LocalIssuer {

    /** Cognito's own allowance for clocks a little apart. */
    private static final int MAX_CLOCK_SKEW_SECONDS = 30;

    private final String issuer;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** @param port the port the server listens on */
    LocalIssuer(int port, JWKSet publicKeys) {
        this.issuer = "http://localhost:" + port + LocalCognito.PATH;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(publicKeys)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "access")
                        .claim("client_id", LocalCognito.CLIENT_ID).build(),
                Set.of("sub", "exp"));
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** {@code iss} of the tokens it signs. */
    String issuer() {
        return issuer;
    }

    /**
     * @throws CognitoError {@code NotAuthorizedException} with Cognito's messages, "Access Token
     *                      has expired" or "Invalid Access Token"
     */
    JWTClaimsSet checkAccessToken(String token) {
        try {
            return processor.process(token, null);
        } catch (ExpiredJWTException e) {
            throw CognitoError.notAuthorized("Access Token has expired");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw CognitoError.notAuthorized("Invalid Access Token");
        }
    }
}
