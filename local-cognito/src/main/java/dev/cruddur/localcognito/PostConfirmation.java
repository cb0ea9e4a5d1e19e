package dev.cruddur.localcognito;

import dev.cruddur.error.ValidationException;
import dev.cruddur.user.UserRegistration;

/**
 * What the Post Confirmation Lambda does, run by the development provider where Cognito would
 * fire it: after a sign-up is confirmed, and again after a password reset. The same call the
 * Lambda makes ({@link UserRegistration#register}), so it is idempotent and leaves one row.
 */
final class PostConfirmation {

    private final UserRegistration registration;

    PostConfirmation(UserRegistration registration) {
        this.registration = registration;
    }

    /**
     * Inside the caller's transaction: JDBI hands the registration's statements the
     * transaction's handle (same Jdbi, same thread), so they commit or roll back with it.
     *
     * @throws CognitoError {@code UserLambdaValidationException}, with Cognito's wording, when
     *                      the registration is refused (a handle someone else has meanwhile)
     */
    void run(Account account) {
        try {
            registration.register(account.attributes());
        } catch (ValidationException e) {
            throw CognitoError.triggerFailed("PostConfirmation", e.getMessage());
        }
    }
}
