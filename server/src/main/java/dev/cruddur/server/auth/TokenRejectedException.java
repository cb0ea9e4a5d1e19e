package dev.cruddur.server.auth;

/**
 * The bearer token is not acceptable: the client's fault (HTTP 401). The message is short and
 * fixed by this package, never the token or text derived from it, so it can be logged and
 * returned to the client as is.
 */
public final class TokenRejectedException extends RuntimeException {

    public static final String TOKEN_INVALID = "token_invalid";
    public static final String TOKEN_EXPIRED = "token_expired";

    private final String code;

    private TokenRejectedException(String code, String message) {
        // No cause and no stack trace: a rejection is an expected outcome that anyone on the
        // internet can trigger at will, not a bug to debug, and Nimbus's messages may quote claims.
        super(message, null, false, false);
        this.code = code;
    }

    public static TokenRejectedException invalid(String message) {
        return new TokenRejectedException(TOKEN_INVALID, message);
    }

    /** A genuine token whose sign-in has ended (signed out, password reset): not to be refreshed into life either. */
    static TokenRejectedException revoked() {
        return new TokenRejectedException(TOKEN_INVALID, "the token has been revoked: its sign-in has ended");
    }

    static TokenRejectedException expired() {
        return new TokenRejectedException(TOKEN_EXPIRED, "the token has expired");
    }

    /** {@value #TOKEN_INVALID} or {@value #TOKEN_EXPIRED}; the client may react to the latter by refreshing. */
    public String code() {
        return code;
    }
}
