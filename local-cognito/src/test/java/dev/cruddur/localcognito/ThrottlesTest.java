package dev.cruddur.localcognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.localcognito.AttemptThrottle.Start;
import dev.cruddur.testing.HandClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the in-memory throttles are put together, with tables small enough to fill in a test. */
class ThrottlesTest {

    private static final int TABLE = 100;

    private final HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Throttles throttles = new Throttles(table(), table(), table(), table(), table(), table());

    private AttemptThrottle table() {
        return new AttemptThrottle(clock, 3, Duration.ofMinutes(15), TABLE);
    }

    private static void wrongPassword(AttemptThrottle throttle, AttemptKey key) {
        if (throttle.tryAttempt(key.value()) == Start.STARTED) {
            throttle.failed(key.value());
        }
    }

    @Test
    void wrongPasswordsForEmailsWithoutAnAccountCannotPushAnAccountsCountOut() {
        AttemptKey victim = new AttemptKey("account:7d1b4c7e-0f59-4a51-9d0e-4c2b1e0f8a11");
        for (int i = 0; i < 3; i++) {
            wrongPassword(throttles.passwords(victim), victim);
        }
        for (int i = 0; i < TABLE * 10; i++) {
            AttemptKey stranger = new AttemptKey("email:stranger" + i + "@example.com");
            wrongPassword(throttles.passwords(stranger), stranger);
        }
        assertThat(throttles.passwords(victim).tryAttempt(victim.value())).isEqualTo(Start.USED_UP);
        assertThat(throttles.otherPasswords().size()).isEqualTo(TABLE);
        assertThat(throttles.accountPasswords().size()).isEqualTo(1);
    }

    @Test
    void aSignUpRefusedForItsAddressIsNotCountedForItsEmailNorAskedOfTheDatabase() {
        ClientAddress from = ClientAddress.of("192.0.2.7");
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertThat(throttles.signUp(from, () -> new AttemptKey("email:e" + n + "@example.com"), () -> "made")).isEqualTo("made");
        }
        assertThatThrownBy(() -> throttles.signUp(from, () -> {
            throw new AssertionError("the email's key is not looked up for an address that is used up");
        }, () -> "made")).isInstanceOfSatisfying(CognitoError.class, e -> assertThat(e.type()).isEqualTo("LimitExceededException"));
        assertThat(throttles.signUps().size()).isEqualTo(3);

        ClientAddress elsewhere = ClientAddress.of("192.0.2.8");
        assertThat(throttles.signUp(elsewhere, () -> new AttemptKey("email:e0@example.com"), () -> "made")).isEqualTo("made");
    }
}
