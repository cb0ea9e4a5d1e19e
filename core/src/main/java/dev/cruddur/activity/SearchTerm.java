package dev.cruddur.activity;

import dev.cruddur.error.ValidationException;
import dev.cruddur.text.StorableText;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a reader searches for: a word ("java"), a hashtag ("#java") or a phrase. Matches are
 * case-insensitive and on whole words, so "java" finds "Java" and "#java" but not
 * "javascript", and "#java" finds only the hashtag.
 */
public record SearchTerm(String text) {

    public static final int MAX_CODE_POINTS = 100;

    // A match must not continue a word on either side. '#' is not a word character, so a
    // plain word also matches its hashtag.
    private static final String WORD_START = "(^|[^[:alnum:]_])";
    private static final String WORD_END = "($|[^[:alnum:]_])";

    // One hashtag in ASCII: whether a character outside ASCII is a word character depends on the
    // database's locale, so only these terms are sure to be whole tags as the database cuts them.
    private static final Pattern ONE_HASHTAG = Pattern.compile("#([A-Za-z0-9_]+)");

    public SearchTerm {
        text = text == null ? "" : text.strip();
        if (text.isEmpty()) {
            throw new ValidationException("term_blank", "term", "Type a word or #hashtag to search for.");
        }
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            throw new ValidationException("term_exceed_max_chars", "term",
                    "A search term can be at most " + MAX_CODE_POINTS + " characters.");
        }
        if (!StorableText.isStorable(text)) {
            throw new ValidationException("term_invalid", "term", "The search term contains characters that cannot be stored.");
        }
    }

    /**
     * The tag (without its '#') when the term is exactly one hashtag of ASCII letters, digits
     * and underscores, which the activity_hashtags table answers; empty for any other term.
     */
    public Optional<String> hashtag() {
        Matcher m = ONE_HASHTAG.matcher(text);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * A LIKE pattern (for {@code ILIKE}) for messages that contain the term anywhere, any case: a
     * looser, cheaper test than {@link #pattern()}, which the trigram index answers without
     * analysing a regular expression. Every message the pattern matches also matches this.
     */
    public String containsPattern() {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** A PostgreSQL regular expression (for {@code ~*}) with every character of the term taken literally. */
    public String pattern() {
        StringBuilder literal = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (!Character.isLetterOrDigit(cp) && cp != ' ') {
                literal.append('\\');
            }
            literal.appendCodePoint(cp);
        });
        return WORD_START + literal + WORD_END;
    }
}
