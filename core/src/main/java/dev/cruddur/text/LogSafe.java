package dev.cruddur.text;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Text from outside (a request path, an email, an error message that quotes input) made safe to
 * write to a log that a terminal shows: every control or format character ({@link
 * ControlCharacters}) and every lone surrogate is written as an escape, {@code \u001B}, so that
 * nothing a client sends can move the cursor, erase a line, start a new one or reorder the
 * text; and a backslash is doubled, so an escape in the log always stands for such a character.
 */
public final class LogSafe {

    private LogSafe() {
    }

    /** The text with its control characters escaped; the same instance when there are none; "null" for null. */
    public static String text(String text) {
        if (text == null) {
            return "null";
        }
        if (text.codePoints().noneMatch(LogSafe::needsEscape)) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                safe.append("\\\\");
            } else if (!needsEscape(c)) {
                safe.appendCodePoint(c);
            } else if (Character.isBmpCodePoint(c)) {
                safe.append(String.format("\\u%04X", c));
            } else {
                safe.append(String.format("\\u{%X}", c));
            }
        });
        return safe.toString();
    }

    /**
     * A stand-in for {@code failure} to pass to a logger: the same type name, stack trace,
     * causes and suppressed exceptions, with every message escaped. A message may quote the
     * input that caused it.
     */
    public static Throwable throwable(Throwable failure) {
        return failure == null ? null : new Escaped(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean needsEscape(int codePoint) {
        return codePoint == '\\' || ControlCharacters.isControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE;
    }

    /** Prints as the original would, with its message escaped. */
    private static final class Escaped extends Throwable {

        private final String description;

        Escaped(Throwable original, Set<Throwable> seen) {
            super(original.getMessage() == null ? null : text(original.getMessage()), causeOf(original, seen), true, true);
            this.description = original.getClass().getName()
                    + (original.getMessage() == null ? "" : ": " + text(original.getMessage()));
            setStackTrace(original.getStackTrace());
            for (Throwable suppressed : original.getSuppressed()) {
                if (!seen.contains(suppressed)) {
                    addSuppressed(new Escaped(suppressed, seen));
                }
            }
        }

        /** The escaped cause, unless the chain comes back to an exception already copied. */
        private static Throwable causeOf(Throwable original, Set<Throwable> seen) {
            seen.add(original);
            Throwable cause = original.getCause();
            return cause == null || seen.contains(cause) ? null : new Escaped(cause, seen);
        }

        @Override
        public String toString() {
            return description;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            // The original's trace is set in the constructor; this one's own would be noise.
            return this;
        }
    }
}
