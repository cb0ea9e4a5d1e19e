package dev.cruddur.user;

import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import dev.cruddur.text.ControlCharacters;
import dev.cruddur.text.StorableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns a Cognito identity into a Cruddur user. Every path that creates users goes through
 * here: the Post Confirmation trigger, the development identity provider's confirmation, and
 * the server registering a signed-in person who has no row yet. The Pre Sign-up trigger uses
 * {@link #checkSignUp} so a bad or taken handle is refused before the account exists.
 *
 * <p>Registration is an upsert keyed on the Cognito {@code sub}: Cognito retries triggers and
 * fires Post Confirmation again after a password reset, so the same person may arrive any
 * number of times, also concurrently, and always ends up as exactly one row.
 */
public final class UserRegistration {

    /** As in {@code users_display_name_length}. */
    public static final int MAX_NAME_CHARS = DisplayName.MAX_CHARS;
    /** As in {@code users_email_length}; also the longest address SMTP allows. */
    public static final int MAX_EMAIL_CHARS = 254;


    private final Jdbi jdbi;

    public UserRegistration(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Creates the user, or returns the one already registered with this {@code sub} (unchanged,
     * even if the attributes differ now, or would no longer pass validation).
     *
     * @throws ValidationException listing every problem with the attributes of a new user; for
     *                             {@code handle_taken}, the handle belongs to someone else
     */
    public Registration register(UserAttributes attributes) {
        List<Violation> violations = new ArrayList<>();
        if (isBlank(attributes.sub())) {
            violations.add(new Violation("sub_blank", "sub", "The identity has no sub (Cognito user id)."));
        } else if (!StorableText.isStorable(attributes.sub())) {
            violations.add(new Violation("sub_invalid", "sub", "The sub contains a NUL character or a broken surrogate pair."));
        }
        if (violations.isEmpty()) {
            // Someone registered already is let through whatever their attributes say now: Cognito
            // does not run Pre Sign-up when attributes change, and a password reset (Post
            // Confirmation again) must not fail over a profile we would not store anyway.
            String sub = attributes.sub().strip();
            Optional<User> existing = jdbi.withHandle(h -> new UserDao(h).findByCognitoUserId(sub));
            if (existing.isPresent()) {
                return new Registration(existing.get(), false);
            }
        }
        NewUser user = validProfile(attributes, violations);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        String sub = attributes.sub().strip();
        Optional<User> inserted = jdbi.withHandle(
                h -> new UserDao(h).insertIfAbsent(sub, user.displayName(), user.handle(), user.email()));
        if (inserted.isPresent()) {
            return new Registration(inserted.get(), true);
        }
        // A conflict: either this person was registered between our look-up and our insert
        // (theirs stands), or someone else has the handle. This statement sees a row committed
        // meanwhile (read committed: a new snapshot per statement).
        return jdbi.withHandle(h -> new UserDao(h).findByCognitoUserId(sub))
                .map(winner -> new Registration(winner, false))
                .orElseThrow(() -> handleTaken(user.handle()));
    }

    /**
     * What the Pre Sign-up trigger checks before the account exists: a well-formed handle that
     * nobody has (ignoring case), an email, and a name that fits; neither with control or format
     * characters (the same rules as {@link #register}).
     *
     * @throws ValidationException listing every problem
     */
    public void checkSignUp(UserAttributes attributes) {
        List<Violation> violations = new ArrayList<>();
        NewUser user = validProfile(attributes, violations);
        if (user != null && Handle.isWellFormed(user.handle()) && isTaken(user.handle())) {
            violations.add(handleTaken(user.handle()).violations().get(0));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    /** Whether someone already has this handle, ignoring case. */
    public boolean isTaken(String handle) {
        return jdbi.withHandle(h -> new UserDao(h).findByHandle(handle)).isPresent();
    }

    /** The profile part of the attributes, cleaned up; null (with violations added) when it is unusable. */
    private static NewUser validProfile(UserAttributes attributes, List<Violation> violations) {
        int before = violations.size();

        String handle = attributes.preferredUsername() == null ? "" : attributes.preferredUsername().strip();
        if (handle.isEmpty()) {
            violations.add(new Violation("handle_blank", "preferred_username", "Choose a username (your @handle)."));
        } else if (!Handle.isWellFormed(handle)) {
            violations.add(new Violation("handle_invalid", "preferred_username",
                    "A username is 1 to 30 letters (A-Z, a-z), digits or underscores."));
        }

        String email = attributes.email() == null ? "" : attributes.email().strip();
        if (email.isEmpty()) {
            violations.add(new Violation("email_blank", "email", "An email address is required."));
        } else if (StorableText.length(email) > MAX_EMAIL_CHARS || email.indexOf('@') < 1
                || email.indexOf('@') == email.length() - 1 || !StorableText.isStorable(email)
                || ControlCharacters.in(email)) {
            violations.add(new Violation("email_invalid", "email", "That is not an email address."));
        }

        // Cognito pools need not require "name"; without one, people are shown by their handle.
        String name = attributes.name() == null ? "" : attributes.name().strip();
        if (name.isEmpty()) {
            name = handle;
        } else {
            DisplayName.problem(name, "name").ifPresent(violations::add);
        }
        return violations.size() == before ? new NewUser(name, handle, email) : null;
    }

    private static ValidationException handleTaken(String handle) {
        return new ValidationException("handle_taken", "preferred_username",
                "The username '" + handle + "' is taken; choose another one.");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** A validated profile, ready to insert. */
    private record NewUser(String displayName, String handle, String email) {
    }
}
