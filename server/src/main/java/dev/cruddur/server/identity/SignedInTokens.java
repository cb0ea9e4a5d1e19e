package dev.cruddur.server.identity;

import dev.cruddur.server.auth.RevokedSignIns;
import dev.cruddur.server.auth.TokenRejectedException;
import dev.cruddur.server.auth.VerifiedToken;
import java.util.Optional;
import java.util.UUID;

/**
 * The development provider's access tokens as its own actions ({@code GetUser},
 * {@code GlobalSignOut}) and the API check them: genuine, unexpired, and of a sign-in that has
 * not been ended. Every access token belongs to the sign-in of one refresh token (the same
 * {@code origin_jti}), so ending that sign-in refuses them all at once, as Cognito does.
 */
final class SignedInTokens implements RevokedSignIns {

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
        VerifiedToken verified;
        try {
            verified = issuer.verifier().verify(accessToken);
        } catch (TokenRejectedException e) {
            throw CognitoError.notAuthorized(TokenRejectedException.TOKEN_EXPIRED.equals(e.code())
                    ? "Access Token has expired" : "Invalid Access Token");
        }
        UUID sub = uuid(verified.sub()).orElseThrow(() -> CognitoError.notAuthorized("Invalid Access Token"));
        if (isRevoked(verified)) {
            throw CognitoError.notAuthorized("Access Token has been revoked");
        }
        return sub;
    }

    /** For the API: a token of this issuer whose sign-in has ended, or that names no sign-in. */
    @Override
    public boolean isRevoked(VerifiedToken token) {
        return uuid(token.originJti()).map(originJti -> !refreshTokens.isSignInActive(originJti)).orElse(true);
    }

    private static Optional<UUID> uuid(String text) {
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
