package dev.cruddur.activity;

import dev.cruddur.error.ValidationException;

/**
 * The rules every message follows, crud or reply: not blank, at most a number of characters
 * counted in code points (an emoji is one character, as people count it, and as PostgreSQL's
 * char_length counts it), and nothing PostgreSQL cannot store.
 */
final class MessageText {

    private static final String FIELD = "message";

    private MessageText() {
    }

    /**
     * @param kind "message" or "reply": the prefix of the violation codes
     *             ({@code message_blank}, {@code reply_exceed_max_chars}, …); either way the
     *             text arrives in the request's {@code message} field
     * @return the message without surrounding whitespace
     */
    static String validate(String text, String kind, int maxCodePoints) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty()) {
            throw new ValidationException(kind + "_blank", FIELD, "Write something first: the " + kind + " is empty.");
        }
        int length = stripped.codePointCount(0, stripped.length());
        if (length > maxCodePoints) {
            throw new ValidationException(kind + "_exceed_max_chars", FIELD,
                    "The " + kind + " is " + length + " characters long; the limit is " + maxCodePoints + ".");
        }
        if (!isStorable(stripped)) {
            throw new ValidationException(kind + "_invalid", FIELD,
                    "The " + kind + " contains a NUL character or a broken surrogate pair.");
        }
        return stripped;
    }

    /** PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate is not a character at all. */
    static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
