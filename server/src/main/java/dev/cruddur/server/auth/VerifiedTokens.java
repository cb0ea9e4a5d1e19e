package dev.cruddur.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    // Bounds memory (an access token is 1–2 KB).
    static final int MAX_ENTRIES = 1_000;

    private final Remembered<VerifiedToken> remembered;

    VerifiedTokens(Clock clock) {
        this.remembered = new Remembered<>(clock, MAX_ENTRIES, (verified, now) -> {
            Instant maxAge = now.plus(MAX_AGE);
            return verified.expiresAt().isBefore(maxAge) ? verified.expiresAt() : maxAge;
        });
    }

    /** The verified token, from memory or from {@code verifier} (whose exceptions pass through). */
    VerifiedToken verify(String token, Function<String, VerifiedToken> verifier) {
        return remembered.get(token, verifier);
    }
}
