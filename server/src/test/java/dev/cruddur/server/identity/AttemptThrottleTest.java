package dev.cruddur.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AttemptThrottleTest {

    /** A clock the test moves by hand, so no test sleeps through a window. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final HandClock clock = new HandClock();
    private final AttemptThrottle throttle = new AttemptThrottle(clock, 3, Duration.ofMinutes(15), 1000);

    @Test
    void refusesOnceTheAttemptsAreUsedUpAndForgivesWhenTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAttempt("a@example.com")).isTrue();
        }
        assertThat(throttle.exhausted("a@example.com")).isTrue();
        assertThat(throttle.tryAttempt("a@example.com")).isFalse();

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(throttle.tryAttempt("a@example.com")).as("refused to the end of the window").isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.exhausted("a@example.com")).isFalse();
        assertThat(throttle.tryAttempt("a@example.com")).as("a new window").isTrue();
    }

    @Test
    void refusedTriesDoNotProlongTheWindow() {
        for (int i = 0; i < 3; i++) {
            throttle.tryAttempt("b@example.com");
        }
        for (int minute = 1; minute < 15; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(throttle.tryAttempt("b@example.com")).isFalse();
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.tryAttempt("b@example.com")).isTrue();
    }

    @Test
    void emailsAreCountedApartIgnoringCaseAndSurroundingSpace() {
        for (int i = 0; i < 3; i++) {
            throttle.tryAttempt("c@example.com");
        }
        assertThat(throttle.tryAttempt(" C@Example.COM ")).isFalse();
        assertThat(throttle.tryAttempt("d@example.com")).isTrue();
    }

    @Test
    void successForgetsTheCount() {
        throttle.tryAttempt("e@example.com");
        throttle.tryAttempt("e@example.com");
        throttle.succeeded("e@example.com");
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAttempt("e@example.com")).isTrue();
        }
    }

    @Test
    void aMillionEmailsKeepTheTableBoundedAndTheOneUnderAttackStaysCounted() {
        for (int i = 0; i < 3; i++) {
            throttle.tryAttempt("victim@example.com");
        }
        for (int i = 0; i < 100_000; i++) {
            throttle.tryAttempt("x" + i + "@example.com");
            if (i % 500 == 0) {
                assertThat(throttle.tryAttempt("victim@example.com")).isFalse(); // still being tried: kept
            }
        }
        assertThat(throttle.size()).isEqualTo(1000);
        assertThat(throttle.tryAttempt("a-64-kilobyte-email@" + "x".repeat(64 * 1024))).isTrue();
        assertThat(throttle.size()).isEqualTo(1000);
    }
}
