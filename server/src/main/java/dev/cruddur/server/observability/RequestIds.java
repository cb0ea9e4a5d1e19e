package dev.cruddur.server.observability;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A request's id, for finding its log line and its trace: the caller's {@code X-Request-Id}
 * when it is a plain token (a proxy's or a client's, so one id follows the request through
 * several services), otherwise a new random one. A caller cannot put a control character, a
 * quote or a long string into the logs through it: such a value is not taken, and not echoed.
 */
final class RequestIds {

    /** Longer than a UUID (36), a ULID (26) or a W3C trace id (32); short enough to be no burden on a log line. */
    static final int LONGEST = 128;
    /** Letters, digits and the punctuation of UUIDs, base64 and dotted or colon-separated ids. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:+/=-]{1," + LONGEST + "}");

    private RequestIds() {
    }

    /** The caller's id if it is sane, else empty. */
    static Optional<String> fromCaller(String header) {
        return header != null && SANE.matcher(header).matches() ? Optional.of(header) : Optional.empty();
    }

    /** 128 random bits as 32 hex digits, W3C trace id shaped. Not a secret: no secure random needed. */
    static String make() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return hex(random.nextLong()) + hex(random.nextLong());
    }

    private static String hex(long bits) {
        String digits = Long.toHexString(bits);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
