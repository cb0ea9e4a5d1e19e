package dev.cruddur.localcognito;

import dev.cruddur.user.UserAttributes;
import java.time.Instant;
import java.util.UUID;

/**
 * An account of the development identity provider: what Cognito keeps about a person in a
 * user pool. The hashes are of the password and of the one-time codes; {@code toString()}
 * leaves them out so they never reach a log.
 */
record Account(
        UUID sub,
        String email,
        String name,
        String preferredUsername,
        String passwordHash,
        boolean confirmed,
        String confirmationCodeHash,
        Instant confirmationCodeExpires,
        String resetCodeHash,
        Instant resetCodeExpires) {

    /** The attributes as Cognito would hand them to the triggers, for the shared registration code. */
    UserAttributes attributes() {
        return new UserAttributes(sub.toString(), email, name, preferredUsername);
    }

    @Override
    public String toString() {
        return "Account[sub=" + sub + ", confirmed=" + confirmed + "]";
    }
}
