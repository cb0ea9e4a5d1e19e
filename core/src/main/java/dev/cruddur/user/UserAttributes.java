package dev.cruddur.user;

import dev.cruddur.text.LogSafe;
import java.util.Map;

/**
 * A person's attributes as Cognito holds them (the names are Cognito's): what the sign-up
 * triggers receive in {@code request.userAttributes} and what {@code GetUser} returns.
 *
 * @param sub               Cognito's id for the person, {@code users.cognito_user_id}; null before
 *                          the account exists (Pre Sign-up)
 * @param email             the Cognito {@code Username} in Cruddur's pool
 * @param name              the display name; may be absent (then the handle is shown)
 * @param preferredUsername the handle
 */
public record UserAttributes(String sub, String email, String name, String preferredUsername) {

    /** Picks the four attributes Cruddur uses; the others ({@code email_verified}, …) are ignored. */
    public static UserAttributes fromCognito(Map<String, String> attributes) {
        Map<String, String> all = attributes == null ? Map.of() : attributes;
        return new UserAttributes(all.get("sub"), all.get("email"), all.get("name"), all.get("preferred_username"));
    }

    @Override
    public String toString() {
        // Logged by the triggers; the email is personal data, the rest is what support needs.
        // Logged before they are validated: escaped, so a handle cannot forge or erase log lines.
        return "UserAttributes[sub=" + LogSafe.text(sub) + ", preferred_username=" + LogSafe.text(preferredUsername) + "]";
    }
}
