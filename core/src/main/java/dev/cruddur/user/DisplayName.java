package dev.cruddur.user;

import dev.cruddur.error.Violation;
import dev.cruddur.text.ControlCharacters;
import dev.cruddur.text.StorableText;
import java.util.Optional;

/**
 * The rules for the name shown beside a person's handle: at most {@link #MAX_CHARS} characters,
 * storable, and nothing in it that acts (it is shown on every crud and may reach a log or a
 * terminal). Sign-up and the profile editor check it the same way.
 */
final class DisplayName {

    /** As in {@code users_display_name_length}. */
    static final int MAX_CHARS = 100;

    private DisplayName() {
    }

    /**
     * @param name  stripped, not empty
     * @param field the request's name for it ({@code name} at sign-up, {@code display_name} in the profile)
     */
    static Optional<Violation> problem(String name, String field) {
        if (StorableText.length(name) > MAX_CHARS) {
            return Optional.of(new Violation("name_exceed_max_chars", field,
                    "The name is " + StorableText.length(name) + " characters long; the limit is " + MAX_CHARS + "."));
        }
        if (!StorableText.isStorable(name)) {
            return Optional.of(new Violation("name_invalid", field,
                    "The name contains a NUL character or a broken surrogate pair."));
        }
        if (ControlCharacters.inName(name)) {
            return Optional.of(new Violation("name_invalid", field,
                    "The name contains a control or format character (a line break, an escape, a text-direction override, …)."));
        }
        return Optional.empty();
    }
}
