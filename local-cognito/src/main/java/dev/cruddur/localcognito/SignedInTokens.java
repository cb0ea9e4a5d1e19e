package dev.cruddur.localcognito;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * The provider's access tokens as its own actions ({@code GetUser}, {@code GlobalSignOut}) and
 * the API check them: genuine, unexpired, and of a sign-in that has not been ended. Every access
 * token belongs to the sign-in of one refresh token (the same {@code origin_jti}), so ending that
 * sign-in refuses them all at once, as Cognito does.
 */
final class SignedInTokens {

    private final LocalIssuer issuer;
    private final RefreshTokens refreshTokens;

    SignedInTokens(LocalIssuer issuer, RefreshTokens refreshTokens) {
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
    }

    /**
     * @return the {@code sub} of the person the access token was issued to
     * @throws CognitoError {@code NotAuthorizedException} with Cognito's messages: "Invalid Access
     *                      Token", "Access Token has expired", "Access Token has been revoked"
     */
    UUID subOf(String accessToken) {
        JWTClaimsSet claims = issuer.checkAccessToken(accessToken);
        UUID sub = uuid(claims.getSubject()).orElseThrow(() -> CognitoError.notAuthorized("Invalid Access Token"));
        String originJti;
        try {
            originJti = claims.getStringClaim("origin_jti");
        } catch (ParseException e) {
            throw CognitoError.notAuthorized("Invalid Access Token");
        }
        if (hasEnded(originJti)) {
            throw CognitoError.notAuthorized("Access Token has been revoked");
        }
        return sub;
    }

    /** True for a sign-in that has ended, and for a token that names none ({@code origin_jti}). */
    boolean hasEnded(String originJti) {
        return uuid(originJti).map(id -> !refreshTokens.isSignInActive(id)).orElse(true);
    }

    static Optional<UUID> uuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
