package dev.cruddur.localcognito;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code RevokeToken} (sign out of one browser or device: that sign-in's refresh token and its
 * access tokens stop working) and {@code GlobalSignOut} (sign out everywhere: every sign-in of
 * the person). Requests, answers and errors are those of Cognito's API model.
 */
final class SignOutFlow {

    /** The model's pattern for a token ({@code TokenModelType}). */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-_=.]+");

    private final RefreshTokens refreshTokens;
    private final SignedInTokens signedInTokens;

    SignOutFlow(RefreshTokens refreshTokens, SignedInTokens signedInTokens) {
        this.refreshTokens = refreshTokens;
        this.signedInTokens = signedInTokens;
    }

    /**
     * Revokes a refresh token of the app client. A token that is unknown, expired or revoked
     * already is answered like a revoked one, with success (RFC 7009, which Cognito's revocation
     * endpoint follows): either way it no longer works, and the answer reveals nothing about
     * which tokens exist.
     */
    Map<String, Object> revokeToken(AmzRequest request) {
        String token = request.required("Token");
        String clientId = request.required("ClientId");
        if (!TOKEN.matcher(token).matches()) {
            throw CognitoError.invalidParameter("1 validation error detected: Value at 'token' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: " + TOKEN.pattern());
        }
        if (!LocalCognito.CLIENT_ID.equals(clientId)) {
            // The only app client issued every token: any other client id cannot revoke one.
            throw CognitoError.of("UnauthorizedException", "The token was not issued to this client.");
        }
        if (request.text("ClientSecret") != null) {
            throw CognitoError.of("UnauthorizedException", "Client " + LocalCognito.CLIENT_ID + " has no client secret.");
        }
        if (isJwt(token)) {
            // Access and ID tokens are JWTs; the refresh tokens here are not.
            throw CognitoError.of("UnsupportedTokenTypeException", "Unsupported token type: only refresh tokens can be revoked.");
        }
        refreshTokens.revoke(token);
        return Map.of();
    }

    /** Ends every sign-in of the person the access token belongs to, this one included. */
    Map<String, Object> globalSignOut(AmzRequest request) {
        UUID sub = signedInTokens.subOf(request.required("AccessToken"));
        refreshTokens.revokeAllOf(sub, Revocation.GLOBAL_SIGN_OUT);
        return Map.of();
    }

    private static boolean isJwt(String token) {
        try {
            JWTParser.parse(token);
            return true;
        } catch (ParseException e) {
            return false;
        }
    }
}
