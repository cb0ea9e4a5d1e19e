package dev.cruddur.text;

/**
 * Characters that are not shown but act: C0 and C1 controls (ESC starts the sequences that move
 * a terminal's cursor and erase lines, CR returns to the line's start, BEL rings), format
 * characters (U+202E turns the text after it right to left, U+200B hides inside a word) and the
 * line and paragraph separators. Unicode's categories Cc, Cf, Zl and Zp. Nothing people type as
 * a name, an email or a handle needs them, except the two joiners in names (see
 * {@link #inName}).
 */
public final class ControlCharacters {

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private ControlCharacters() {
    }

    /** Whether this code point is a control, format, line separator or paragraph separator character. */
    public static boolean isControl(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    /** Whether the text has any such character: for emails, usernames and handles. */
    public static boolean in(String text) {
        return text.codePoints().anyMatch(ControlCharacters::isControl);
    }

    /**
     * Whether a display name has any such character other than the zero-width joiner and
     * non-joiner: those join emoji into one (a family, a profession) and are part of the spelling
     * of words in Persian and several Indic scripts. They move no cursor and reorder nothing.
     */
    public static boolean inName(String text) {
        return text.codePoints().anyMatch(c -> isControl(c) && c != ZERO_WIDTH_JOINER && c != ZERO_WIDTH_NON_JOINER);
    }
}
