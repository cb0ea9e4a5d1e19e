package dev.cruddur.lambda;

/**
 * The database secret could not be read: the extension did not answer, refused (no permission,
 * no such secret), or the secret is not {@code {"username", "password"}}. The message is for the
 * operator's log line and never holds the secret's value; what Cognito shows the app is
 * {@link TriggerFailedException}'s fixed wording.
 */
final class DatabaseSecretException extends RuntimeException {

    DatabaseSecretException(String message) {
        super(message);
    }

    DatabaseSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
