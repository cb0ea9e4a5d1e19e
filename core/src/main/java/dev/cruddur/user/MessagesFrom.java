package dev.cruddur.user;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whom a person accepts direct messages from (users.messages_from; the rule itself is the
 * database's messages_accepted, which the send and a profile's {@code can_message} both use).
 */
public enum MessagesFrom {
    /** Anyone signed in. */
    EVERYONE("everyone"),
    /** Only the people they follow (and anyone who they have written to already): the default. */
    FOLLOWING("following");

    private final String code;

    MessagesFrom(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<MessagesFrom> fromCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(MessagesFrom::code).toList();
    }
}
