package dev.cruddur.activity;

import dev.cruddur.error.ValidationException;
import dev.cruddur.text.StorableText;

/**
 * The rules every message follows, crud or reply: not blank, at most a number of characters
 * counted in code points (an emoji is one character, as people count it, and as PostgreSQL's
 * char_length counts it), and nothing PostgreSQL cannot store.
 */
public final class MessageText {

    private static final String FIELD = "message";

    private MessageText() {
    }

    /**
     * @param kind "message" or "reply": the prefix of the violation codes
     *             ({@code message_blank}, {@code reply_exceed_max_chars}, …); either way the
     *             text arrives in the request's {@code message} field
     * @return the message without surrounding whitespace
     */
    public static String validate(String text, String kind, int maxCodePoints) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty()) {
            throw new ValidationException(kind + "_blank", FIELD, "Write something first: the " + kind + " is empty.");
        }
        int length = StorableText.length(stripped);
        if (length > maxCodePoints) {
            throw new ValidationException(kind + "_exceed_max_chars", FIELD,
                    "The " + kind + " is " + length + " characters long; the limit is " + maxCodePoints + ".");
        }
        if (!StorableText.isStorable(stripped)) {
            throw new ValidationException(kind + "_invalid", FIELD,
                    "The " + kind + " contains a NUL character or a broken surrogate pair.");
        }
        return stripped;
    }
}
