package dev.cruddur.text;

/** Whether a string can be stored in a PostgreSQL {@code text} column as it is. */
public final class StorableText {

    private StorableText() {
    }

    /** PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate is not a character at all. */
    public static boolean isStorable(String text) {
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

    /** Characters as people (and PostgreSQL's {@code char_length}) count them: an emoji is one. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
