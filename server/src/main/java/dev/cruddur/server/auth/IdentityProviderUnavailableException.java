package dev.cruddur.server.auth;

/**
 * The identity provider's signing keys could not be fetched (connection refused, timeout, an
 * error status or a body that is not a JWK set), so no token can be judged right now. Not the
 * client's fault: the HTTP layer answers 503. The cause says what went wrong, for the operator.
 */
public final class IdentityProviderUnavailableException extends RuntimeException {

    public static final String CODE = "identity_provider_unavailable";

    public IdentityProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public String code() {
        return CODE;
    }
}
