package dev.cruddur.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.testing.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of the verifier: it may only ever answer what the verifier itself answered
 * for that exact token, and never once the token has expired.
 */
class VerifiedTokensTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final HandClock clock = new HandClock(T0);
    private final VerifiedTokens cache = new VerifiedTokens(clock);
    private final List<String> verified = new ArrayList<>();

    /** A verifier that accepts "good…" tokens expiring at {@code expiresAt}, rejects the rest, and logs its calls. */
    private Function<String, VerifiedToken> verifier(Instant expiresAt) {
        return token -> {
            verified.add(token);
            if (clock.instant().isAfter(expiresAt)) {
                throw TokenRejectedException.expired();
            }
            if (!token.startsWith("good")) {
                throw TokenRejectedException.invalid("the token's signature is not valid");
            }
            return new VerifiedToken("sub-" + token, null, "client", expiresAt, null);
        };
    }

    @Test
    void aTokenThatPassedIsNotVerifiedAgainWhileItIsValid() {
        Function<String, VerifiedToken> verifier = verifier(T0.plus(Duration.ofHours(1)));
        VerifiedToken first = cache.verify("good-1", verifier);
        clock.advance(Duration.ofSeconds(30));

        assertThat(cache.verify("good-1", verifier)).isEqualTo(first);
        assertThat(verified).containsExactly("good-1");
    }

    @Test
    void anotherTokenStringIsVerifiedItself() {
        Function<String, VerifiedToken> verifier = verifier(T0.plus(Duration.ofHours(1)));
        cache.verify("good-1", verifier);

        assertThat(cache.verify("good-2", verifier).sub()).isEqualTo("sub-good-2");
        assertThatThrownBy(() -> cache.verify("good-1x", verifier.andThen(t -> {
            throw TokenRejectedException.invalid("tampered");
        }))).isInstanceOf(TokenRejectedException.class);
        assertThat(verified).containsExactly("good-1", "good-2", "good-1x");
    }

    @Test
    void anExpiredTokenGoesBackToTheVerifierAndIsRejected() {
        Instant expiresAt = T0.plus(Duration.ofSeconds(20));
        Function<String, VerifiedToken> verifier = verifier(expiresAt);
        cache.verify("good-1", verifier);

        clock.set(expiresAt);
        // The verifier itself would still accept it (its clock-skew allowance); the cache does not decide that.
        cache.verify("good-1", verifier);
        assertThat(verified).containsExactly("good-1", "good-1");

        clock.set(expiresAt.plusSeconds(1));
        assertThatThrownBy(() -> cache.verify("good-1", verifier))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void anEntryIsUsedForAtMostMaxAge() {
        Function<String, VerifiedToken> verifier = verifier(T0.plus(Duration.ofHours(1)));
        cache.verify("good-1", verifier);

        clock.advance(VerifiedTokens.MAX_AGE);
        cache.verify("good-1", verifier);
        assertThat(verified).containsExactly("good-1", "good-1");
    }

    @Test
    void failuresAreNeverRemembered() {
        Function<String, VerifiedToken> verifier = verifier(T0.plus(Duration.ofHours(1)));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.verify("bad", verifier)).isInstanceOf(TokenRejectedException.class);
        }
        assertThat(verified).containsExactly("bad", "bad", "bad");
    }

    @Test
    void staysBounded() {
        Function<String, VerifiedToken> verifier = verifier(T0.plus(Duration.ofHours(1)));
        for (int i = 0; i <= VerifiedTokens.MAX_ENTRIES; i++) {
            cache.verify("good-" + i, verifier);
        }
        verified.clear();
        cache.verify("good-0", verifier);
        assertThat(verified).containsExactly("good-0");
    }
}
