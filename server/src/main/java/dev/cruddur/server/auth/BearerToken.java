package dev.cruddur.server.auth;

import java.util.Optional;

/** Takes the token out of an {@code Authorization: Bearer …} header (RFC 6750 §2.1). */
public final class BearerToken {

    private static final String SCHEME = "Bearer";

    private BearerToken() {
    }

    /**
     * The token, or empty for a missing header, another scheme (e.g. Basic) or no token. The
     * scheme is matched ignoring case, as RFC 9110 says auth schemes are case-insensitive.
     */
    public static Optional<String> fromAuthorizationHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() <= SCHEME.length()
                || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !Character.isWhitespace(value.charAt(SCHEME.length()))) {
            return Optional.empty();
        }
        String token = value.substring(SCHEME.length()).strip();
        // A token never contains whitespace; "Bearer a b" is a malformed header, not a token "a b".
        if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        return Optional.of(token);
    }
}
