package dev.cruddur.ops.aws;

import dev.cruddur.ops.CommandFailure;
import java.time.Duration;

/**
 * One bounded wait for AWS to finish something it does asynchronously (RDS in minutes, Lambda
 * in seconds): how often to ask, and until when. Every command that waits goes through this, so
 * the interval, the deadline and what an interrupt does are the same everywhere.
 */
public final class Polling {

    private final Duration interval;
    private final Duration timeout;
    private final long started = System.nanoTime();

    /** Starts the clock now. */
    public Polling(Duration interval, Duration timeout) {
        this.interval = interval;
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /** How long this wait has lasted, to the second. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started).withNanos(0);
    }

    /** Whether the time allowed is used up. */
    public boolean expired() {
        return System.nanoTime() - started >= timeout.toNanos();
    }

    /** Sleeps one interval; an interrupt (Ctrl-C in a shell that forwards it) ends the command. */
    public void pause(String waitingFor) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("Interrupted while waiting for " + waitingFor);
        }
    }
}
