package dev.cruddur.message;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The ids of conversations and messages as clients send them: a uuid in its canonical form, or nothing. */
public final class MessageIds {

    /** {@link UUID#fromString} alone also takes "1-2-3-4-5", which names nothing. */
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private MessageIds() {
    }

    /** Empty for anything that is not a uuid: it names no conversation and no message. */
    public static Optional<UUID> parse(String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }
}
