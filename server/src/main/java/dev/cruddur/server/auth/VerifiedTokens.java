package dev.cruddur.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers, for a short while, the tokens that passed verification, so a client sending the
 * same token on every request pays for the RS256 check once: verifying was two thirds of the CPU
 * of a post (docs/benchmarks.md).
 *
 * <p>Only a success is remembered, under the exact token string (signature included), so no
 * token is accepted that the verifier did not accept itself. Everything the verifier checks is
 * fixed in the token except the time, so an entry is used only while the token has not expired
 * (without the verifier's clock-skew allowance; once past {@code exp} the verifier decides again,
 * and says "expired"), and for at most {@link #MAX_AGE}, which bounds how long a key the issuer
 * withdraws keeps working. Failures are not remembered: they go through the verifier every time.
 */
final class VerifiedTokens {

    static final Duration MAX_AGE = Duration.ofSeconds(60);
    // Bounds memory (an access token is 1–2 KB). When full, it starts again from empty: simple,
    // and at worst every request is verified, as without this class.
    static final int MAX_ENTRIES = 1_000;

    private record Entry(VerifiedToken token, Instant usableUntil) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    /** The verified token, from memory or from {@code verifier} (whose exceptions pass through). */
    VerifiedToken verify(String token, Function<String, VerifiedToken> verifier) {
        Instant now = clock.instant();
        Entry entry = entries.get(token);
        if (entry != null) {
            if (now.isBefore(entry.usableUntil())) {
                return entry.token();
            }
            entries.remove(token, entry);
        }
        VerifiedToken verified = verifier.apply(token);
        Instant until = now.plus(MAX_AGE);
        if (verified.expiresAt().isBefore(until)) {
            until = verified.expiresAt();
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(token, new Entry(verified, until));
        return verified;
    }
}
