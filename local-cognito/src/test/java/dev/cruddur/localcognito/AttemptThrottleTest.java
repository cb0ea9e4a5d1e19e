package dev.cruddur.localcognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.localcognito.AttemptThrottle.Start;
import dev.cruddur.testing.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AttemptThrottleTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AttemptThrottle throttle = new AttemptThrottle(clock, 3, Duration.ofMinutes(15), 1000);

    /** One wrong try, if the throttle lets it run: true when it ran. */
    private boolean wrongTry(String email) {
        if (throttle.tryAttempt(email) != Start.STARTED) {
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
        assertThat(throttle.tryAttempt("a@example.com")).isEqualTo(Start.USED_UP);

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(throttle.tryAttempt("a@example.com")).as("refused to the end of the window").isEqualTo(Start.USED_UP);

        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.exhausted("a@example.com")).isFalse();
        assertThat(throttle.tryAttempt("a@example.com")).as("a new window").isEqualTo(Start.STARTED);
    }

    @Test
    void refusedTriesDoNotProlongTheWindow() {
        for (int i = 0; i < 3; i++) {
            wrongTry("b@example.com");
        }
        for (int minute = 1; minute < 15; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(throttle.tryAttempt("b@example.com")).isEqualTo(Start.USED_UP);
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.tryAttempt("b@example.com")).isEqualTo(Start.STARTED);
    }

    @Test
    void emailsAreCountedApartIgnoringCaseAndSurroundingSpace() {
        for (int i = 0; i < 3; i++) {
            wrongTry("c@example.com");
        }
        assertThat(throttle.tryAttempt(" C@Example.COM ")).isEqualTo(Start.USED_UP);
        assertThat(throttle.tryAttempt("d@example.com")).isEqualTo(Start.STARTED);
    }

    @Test
    void successForgetsTheCount() {
        wrongTry("e@example.com");
        wrongTry("e@example.com");
        assertThat(throttle.tryAttempt("e@example.com")).isEqualTo(Start.STARTED);
        throttle.succeeded("e@example.com");
        for (int i = 0; i < 3; i++) {
            assertThat(wrongTry("e@example.com")).isTrue();
        }
        assertThat(throttle.tryAttempt("e@example.com")).isEqualTo(Start.USED_UP);
    }

    @Test
    void aTryWithoutAVerdictIsGivenBack() {
        // Ten tries that each failed for want of a database, then the real ones: all still allowed.
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.tryAttempt("f@example.com")).isEqualTo(Start.STARTED);
            throttle.giveBack("f@example.com");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(wrongTry("f@example.com")).isTrue();
        }
        assertThat(throttle.tryAttempt("f@example.com")).isEqualTo(Start.USED_UP);
    }

    @Test
    void triesStillRunningHoldTheLimitSoParallelTriesCannotSlipPast() {
        // Two wrong tries, then two running at once: the limit of three leaves room for one.
        wrongTry("g@example.com");
        wrongTry("g@example.com");
        assertThat(throttle.tryAttempt("g@example.com")).isEqualTo(Start.STARTED);
        long started = System.nanoTime();
        assertThat(throttle.tryAttempt("g@example.com")).as("no room while the third runs").isEqualTo(Start.BUSY);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("it waited for its turn first").isGreaterThanOrEqualTo(AttemptThrottle.MAX_WAIT_FOR_TURN);
    }

    @Test
    void aTryWaitsForItsTurnWhileOthersRunAndGoesOnWhenOneSucceeds() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.tryAttempt("h@example.com")).isEqualTo(Start.STARTED); // three sign-ins at once
        }
        AtomicReference<Start> fourth = new AtomicReference<>();
        Thread waiting = new Thread(() -> fourth.set(throttle.tryAttempt("h@example.com")));
        waiting.start();
        while (waiting.getState() != Thread.State.TIMED_WAITING) { // parked, waiting for its turn
            assertThat(waiting.isAlive()).as("the fourth try waits instead of being answered at once").isTrue();
            Thread.onSpinWait();
        }
        throttle.succeeded("h@example.com");
        waiting.join();
        assertThat(fourth.get()).as("started once one of the three ended").isEqualTo(Start.STARTED);
    }

    @Test
    void codeRequestsAreCountedByNumberAndGivenBackWhenTheDatabaseFailed() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> throttle.count("i@example.com", () -> {
                throw new IllegalStateException("no database");
            })).isInstanceOf(IllegalStateException.class);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.count("i@example.com", () -> "sent")).isEqualTo("sent");
        }
        assertThatThrownBy(() -> throttle.count("i@example.com", () -> "sent"))
                .isInstanceOfSatisfying(CognitoError.class, e -> assertThat(e.type()).isEqualTo("LimitExceededException"));
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.count("i@example.com", () -> "sent")).isEqualTo("sent");
    }

    @Test
    void aHundredThousandEmailsKeepTheTableBoundedAndTheOneUnderAttackStaysCounted() {
        for (int i = 0; i < 3; i++) {
            wrongTry("victim@example.com");
        }
        for (int i = 0; i < 100_000; i++) {
            wrongTry("x" + i + "@example.com");
            if (i % 500 == 0) {
                assertThat(throttle.tryAttempt("victim@example.com")).isEqualTo(Start.USED_UP); // still being tried: kept
            }
        }
        assertThat(throttle.size()).isEqualTo(1000);
        assertThat(wrongTry("a-64-kilobyte-email@" + "x".repeat(64 * 1024))).isTrue();
        assertThat(throttle.size()).isEqualTo(1000);
    }
}
