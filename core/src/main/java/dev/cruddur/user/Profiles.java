package dev.cruddur.user;

import dev.cruddur.error.NotFoundException;
import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import dev.cruddur.text.ControlCharacters;
import dev.cruddur.text.StorableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.cruddur.database.Reads;
import org.jdbi.v3.core.Jdbi;

/** People's profiles: reading anyone's, and editing one's own name, bio and whom they accept messages from. */
public final class Profiles {

    /** As in {@code users_bio_length}. */
    public static final int MAX_BIO_CHARS = 160;

    private final Jdbi jdbi;
    private final Reads reads;

    /** Everything on the primary. */
    public Profiles(Jdbi jdbi) {
        this(jdbi, Reads.primaryOnly(jdbi));
    }

    /**
     * @param jdbi  the primary: edits, and the profile an edit or a follow answers with
     * @param reads where a reader's reads go
     */
    public Profiles(Jdbi jdbi, Reads reads) {
        this.jdbi = jdbi;
        this.reads = reads;
    }

    /**
     * @param readerUuid who reads it (their relations to the person are included); null for a
     *                   reader who is not signed in
     * @throws NotFoundException {@code user_not_found} when no user has that handle
     */
    public Profile byHandle(String handle, UUID readerUuid) {
        return reads.read(readerUuid, replica -> byHandle(replica, handle, readerUuid));
    }

    /** As {@link #byHandle(String, UUID)}, on the primary: what a write answers with, so it shows the write. */
    Profile byHandleOnPrimary(String handle, UUID readerUuid) {
        return byHandle(jdbi, handle, readerUuid);
    }

    static Profile byHandle(Jdbi on, String handle, UUID readerUuid) {
        if (!Handle.isWellFormed(handle)) {
            throw userNotFound();
        }
        return on.withHandle(h -> new UserDao(h).profile(handle, readerUuid)).orElseThrow(Profiles::userNotFound);
    }

    /**
     * Sets what a person says about themselves. A blank name shows the handle, as at sign-up;
     * the bio may be empty and may have line breaks, nothing else that acts.
     *
     * @param displayName null: left as it is
     * @param bio         null: left as it is
     * @throws ValidationException listing every problem; nothing is changed then
     */
    public Profile update(User user, String displayName, String bio) {
        return update(user, displayName, bio, null);
    }

    /**
     * As {@link #update(User, String, String)}, and whom the person accepts direct messages from.
     *
     * @param messagesFrom one of {@link MessagesFrom}'s codes; null: left as it is
     */
    public Profile update(User user, String displayName, String bio, String messagesFrom) {
        List<Violation> violations = new ArrayList<>();
        if (messagesFrom != null && MessagesFrom.fromCode(messagesFrom).isEmpty()) {
            violations.add(new Violation("messages_from_invalid", "messages_from",
                    "Choose who may message you: one of " + String.join(", ", MessagesFrom.codes()) + "."));
        }
        String name = displayName == null ? null : displayName.isBlank() ? user.handle() : displayName.strip();
        if (name != null) {
            DisplayName.problem(name, "display_name").ifPresent(violations::add);
        }
        String about = bio == null ? null : bio.strip();
        if (about != null) {
            bioProblem(about).ifPresent(violations::add);
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return jdbi.withHandle(h -> {
            UserDao dao = new UserDao(h);
            dao.updateProfile(user.uuid(), name, about, messagesFrom);
            return dao.profile(user.handle(), user.uuid()).orElseThrow(Profiles::userNotFound);
        });
    }

    private static Optional<Violation> bioProblem(String bio) {
        if (StorableText.length(bio) > MAX_BIO_CHARS) {
            return Optional.of(new Violation("bio_exceed_max_chars", "bio",
                    "The bio is " + StorableText.length(bio) + " characters long; the limit is " + MAX_BIO_CHARS + "."));
        }
        // Line breaks are how a bio is laid out; nothing else that acts.
        if (!StorableText.isStorable(bio) || ControlCharacters.in(bio.replace('\n', ' '))) {
            return Optional.of(new Violation("bio_invalid", "bio",
                    "The bio contains a character that cannot be shown (a NUL, an escape, a text-direction override, …)."));
        }
        return Optional.empty();
    }

    static NotFoundException userNotFound() {
        return new NotFoundException("user_not_found", "No user has that handle.");
    }
}
