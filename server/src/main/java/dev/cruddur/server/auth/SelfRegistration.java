package dev.cruddur.server.auth;

import dev.cruddur.error.ValidationException;
import dev.cruddur.server.http.ApiException;
import dev.cruddur.text.LogSafe;
import dev.cruddur.user.Registration;
import dev.cruddur.user.User;
import dev.cruddur.user.UserAttributes;
import dev.cruddur.user.UserRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a signed-in person who has no row yet, because the Post Confirmation trigger failed
 * or was never attached: their attributes come from the user pool ({@code GetUser} with their own
 * token) and go through the same registration as the trigger's, so the outcome is the same row.
 */
public final class SelfRegistration {

    private static final Logger log = LoggerFactory.getLogger(SelfRegistration.class);

    private final UserDirectory directory;
    private final UserRegistration registration;

    public SelfRegistration(UserDirectory directory, UserRegistration registration) {
        this.directory = directory;
        this.registration = registration;
    }

    /**
     * @param accessToken the verified token, sent on to the pool as the proof of who is asking
     * @throws ApiException 403 {@code user_not_registered} when the pool's attributes cannot make a
     *                      user (a handle someone else has, a missing email)
     */
    public User register(String accessToken, VerifiedToken verified) {
        UserAttributes attributes = directory.attributesOf(accessToken);
        if (!verified.sub().equals(attributes.sub())) {
            // The pool answered for someone else: never register a person under another's sub.
            throw TokenRejectedException.invalid("the identity provider answered for another user");
        }
        try {
            Registration result = registration.register(attributes);
            if (result.created()) {
                log.info("Registered {} (@{}) on their first signed-in request: no sign-up trigger had",
                        verified.sub(), result.user().handle());
            }
            return result.user();
        } catch (ValidationException e) {
            log.warn("Could not register {} on their first signed-in request: {}", LogSafe.text(verified.sub()),
                    LogSafe.text(e.getMessage()));
            throw new ApiException(403, "user_not_registered",
                    "You are signed in, but no Cruddur profile could be made for you: " + e.getMessage());
        }
    }
}
