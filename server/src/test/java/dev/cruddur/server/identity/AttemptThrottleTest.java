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

    /** One wrong try, if the throttle lets it run: true when it ran. */
    private boolean wrongTry(String email) {
        if (!throttle.tryAttempt(email)) {
            return false;
        }
        throttle.failed(email);
        return true;
    }

    @Test
    void refusesOnceTheAttemptsAreUsedUpAndForgivesWhenTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(wrongTry("a@example.com")).isTrue();
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
            wrongTry("b@example.com");
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
            wrongTry("c@example.com");
        }
        assertThat(throttle.tryAttempt(" C@Example.COM ")).isFalse();
        assertThat(throttle.tryAttempt("d@example.com")).isTrue();
    }

    @Test
    void successForgetsTheCount() {
        wrongTry("e@example.com");
        wrongTry("e@example.com");
        assertThat(throttle.tryAttempt("e@example.com")).isTrue();
        throttle.succeeded("e@example.com");
        for (int i = 0; i < 3; i++) {
            assertThat(wrongTry("e@example.com")).isTrue();
        }
        assertThat(throttle.tryAttempt("e@example.com")).isFalse();
    }

    @Test
    void aTryWithoutAVerdictIsGivenBack() {
        // Ten tries that each failed for want of a database, then the real ones: all still allowed.
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.tryAttempt("f@example.com")).isTrue();
            throttle.giveBack("f@example.com");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(wrongTry("f@example.com")).isTrue();
        }
        assertThat(throttle.tryAttempt("f@example.com")).isFalse();
    }

    @Test
    void triesStillRunningHoldTheLimitSoParallelTriesCannotSlipPast() {
        // Two wrong tries, then two running at once: the limit of three leaves room for one.
        wrongTry("g@example.com");
        wrongTry("g@example.com");
        assertThat(throttle.tryAttempt("g@example.com")).isTrue();
        long started = System.nanoTime();
        assertThat(throttle.tryAttempt("g@example.com")).as("no room while the third runs").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("it waited for its turn first").isGreaterThanOrEqualTo(AttemptThrottle.MAX_WAIT_FOR_TURN);
    }

    @Test
    void aTryWaitsForItsTurnWhileOthersRunAndGoesOnWhenOneSucceeds() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAttempt("h@example.com")).isTrue(); // three sign-ins at once
        }
        Thread fourth = new Thread(() -> throttle.succeeded("h@example.com"));
        java.util.concurrent.atomic.AtomicBoolean admitted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread waiting = new Thread(() -> admitted.set(throttle.tryAttempt("h@example.com")));
        waiting.start();
        Thread.sleep(100);
        fourth.start();
        waiting.join();
        assertThat(admitted).as("admitted once one of the three ended").isTrue();
    }

    @Test
    void codeRequestsAreCountedByNumber() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryCount("i@example.com")).isTrue();
        }
        assertThat(throttle.tryCount("i@example.com")).isFalse();
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.tryCount("i@example.com")).isTrue();
    }

    @Test
    void aMillionEmailsKeepTheTableBoundedAndTheOneUnderAttackStaysCounted() {
        for (int i = 0; i < 3; i++) {
            wrongTry("victim@example.com");
        }
        for (int i = 0; i < 100_000; i++) {
            wrongTry("x" + i + "@example.com");
            if (i % 500 == 0) {
                assertThat(throttle.tryAttempt("victim@example.com")).isFalse(); // still being tried: kept
            }
        }
        assertThat(throttle.size()).isEqualTo(1000);
        assertThat(wrongTry("a-64-kilobyte-email@" + "x".repeat(64 * 1024))).isTrue();
        assertThat(throttle.size()).isEqualTo(1000);
    }
}
