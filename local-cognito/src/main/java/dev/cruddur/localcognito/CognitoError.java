package dev.cruddur.localcognito;

/**
 * An error as Cognito's JSON protocol reports it: HTTP 400 (500 for {@code InternalErrorException},
 * 503 for {@code ServiceUnavailable}),
 * {@code {"__type": "<type>", "message": "…"}} and {@code x-amzn-ErrorType: <type>:}. The AWS SDKs
 * turn the type into their typed exceptions ({@code UsernameExistsException}, …). The messages
 * are Cognito's where a client might show or match them, and never contain a password, a code
 * or a token.
 */
final class CognitoError extends RuntimeException {

    private final String type;
    private final int status;

    private CognitoError(String type, int status, String message) {
        // Expected outcomes of bad input: no stack trace to fill or log.
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }

    static CognitoError of(String type, String message) {
        return new CognitoError(type, 400, message);
    }

    static CognitoError invalidParameter(String message) {
        return of("InvalidParameterException", message);
    }

    /** Cognito's wording for a missing member of the request, e.g. {@code username}. */
    static CognitoError missing(String member) {
        return invalidParameter("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    static CognitoError notAuthorized(String message) {
        return of("NotAuthorizedException", message);
    }

    /** The same answer for an unknown user and a wrong password, so neither reveals which accounts exist. */
    static CognitoError incorrectCredentials() {
        return notAuthorized("Incorrect username or password.");
    }

    static CognitoError userNotFound() {
        return of("UserNotFoundException", "Username/client id combination not found.");
    }

    static CognitoError codeMismatch() {
        return of("CodeMismatchException", "Invalid verification code provided, please try again.");
    }

    static CognitoError expiredCode() {
        return of("ExpiredCodeException", "Invalid code provided, please request a code again.");
    }

    /**
     * Cognito's answer once an account's wrong passwords are too many: it stays a
     * {@code NotAuthorizedException}, so clients handle it like a wrong password.
     */
    static CognitoError passwordAttemptsExceeded() {
        return notAuthorized("Password attempts exceeded");
    }

    /** Cognito's answer to too many wrong codes, or too many codes asked for. */
    static CognitoError attemptLimitExceeded() {
        return of("LimitExceededException", "Attempt limit exceeded, please try after some time.");
    }

    /** What Cognito answers when a trigger Lambda throws: {@code <Trigger> failed with error <message>.} */
    static CognitoError triggerFailed(String trigger, String message) {
        String text = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return of("UserLambdaValidationException", trigger + " failed with error " + text + ".");
    }

    /**
     * The server's admission limit is reached. Cognito's own throttling error (HTTP 400), which
     * the AWS SDKs recognise as throttling and retry with back-off.
     */
    static CognitoError serverBusy() {
        return of("TooManyRequestsException", "Too many requests are being handled; try again shortly.");
    }

    /** AWS's common error for a temporary failure: the SDKs retry it. */
    static CognitoError databaseUnavailable() {
        return new CognitoError("ServiceUnavailable", 503, "The database is not answering; try again shortly.");
    }

    /** Tries of the same email are still running, slowly: nothing was counted, the SDKs retry it. */
    static CognitoError busy() {
        return new CognitoError("ServiceUnavailable", 503, "Other attempts for this user are still running; try again shortly.");
    }

    static CognitoError internal() {
        return new CognitoError("InternalErrorException", 500,
                "The development identity provider failed; the server log says why.");
    }
}
