package dev.cruddur.localcognito;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * At most {@code attempts} failed tries per key in a fixed window (e.g. five wrong passwords
 * in fifteen minutes); once they are used up every try is refused, the right one too, until the
 * window ends by itself. A success forgets the key's failures. The caller says what a key
 * counts: an account or an email without one ({@link AttemptKey}), or a client address
 * ({@link ClientAddress}); keys are compared ignoring case and surrounding space.
 *
 * <p>A try counts against the limit while it runs, not only once it has failed, so parallel
 * requests cannot slip past it: with four failures, only one more try runs. A try that finds the
 * limit taken by tries still running waits for them (at most {@link #MAX_WAIT_FOR_TURN}), so
 * someone signing in from several places at once is not refused; if they stay slow (the
 * database is), it is answered "busy, try again" rather than counted. A try that ends without a
 * verdict (the database could not be asked) is given back, or an outage would lock people out.
 *
 * <p>The counts live in memory (a restart clears them). They stay bounded: keys are stored as
 * SHA-256 (a 64 KB "email" costs 64 characters) and the least recently tried keys are
 * forgotten beyond {@code maxEmails}. Forgetting is the price of the bound: someone who tries
 * {@code maxEmails} other keys in between resets one key's count. {@link Throttles} says why
 * nobody can do that to a count that protects an account.
 */
final class AttemptThrottle {

    /** Longer than a BCrypt check on a busy machine, shorter than anyone's patience. */
    static final Duration MAX_WAIT_FOR_TURN = Duration.ofSeconds(1);

    /** How a try begins. */
    enum Start {
        /** It runs: end it with {@link #failed}, {@link #succeeded} or {@link #giveBack}. */
        STARTED,
        /** The email's failures are used up for this window: refused, the right password or code too. */
        USED_UP,
        /**
         * Tries still running held the rest of the limit for longer than {@link #MAX_WAIT_FOR_TURN}
         * (each of them slow: the database is slow or away). Nothing was counted; try again shortly.
         */
        BUSY
    }

    private record Window(Instant start, int failures, int running) {
    }

    private final Clock clock;
    private final int attempts;
    private final Duration window;
    private final Map<String, Window> windows;
    // A lock rather than synchronized: waiting on a monitor would pin a virtual thread (Java 21).
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition tryEnded = lock.newCondition();

    AttemptThrottle(Clock clock, int attempts, Duration window, int maxEmails) {
        this.clock = clock;
        this.attempts = attempts;
        this.window = window;
        // Access order: an email being tried stays, the ones not tried for longest go first.
        this.windows = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxEmails;
            }
        };
    }

    /** Starts one try, or says why it cannot start (then nothing was counted). */
    Start tryAttempt(String email) {
        String key = key(email);
        long deadline = System.nanoTime() + MAX_WAIT_FOR_TURN.toNanos();
        lock.lock();
        try {
            while (true) {
                Window current = current(key);
                if (current.failures() >= attempts) {
                    return Start.USED_UP;
                }
                if (current.failures() + current.running() < attempts) {
                    windows.put(key, new Window(current.start(), current.failures(), current.running() + 1));
                    return Start.STARTED;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Start.BUSY;
                }
                tryEnded.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Start.BUSY;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a request that is limited by number alone (a code sent), counted when it starts so
     * parallel requests cannot slip past; one that failed for want of the database is given back.
     *
     * @throws CognitoError {@code LimitExceededException} when the email's requests are used up for this window
     */
    <T> T count(String email, Supplier<T> request) {
        String key = key(email);
        lock.lock();
        try {
            Window current = current(key);
            if (current.failures() >= attempts) {
                throw CognitoError.attemptLimitExceeded();
            }
            windows.put(key, new Window(current.start(), current.failures() + 1, current.running()));
        } finally {
            lock.unlock();
        }
        try {
            return request.get();
        } catch (CognitoError answered) {
            throw answered;
        } catch (RuntimeException noAnswer) {
            uncount(key);
            throw noAnswer;
        }
    }

    private void uncount(String key) {
        lock.lock();
        try {
            windows.computeIfPresent(key, (k, counted) -> counted.failures() <= 1 && counted.running() == 0
                    ? null : new Window(counted.start(), Math.max(0, counted.failures() - 1), counted.running()));
        } finally {
            lock.unlock();
        }
    }

    /** The try was wrong: it counts. */
    void failed(String email) {
        end(email, 1);
    }

    /**
     * The try ended without a verdict on the password or code (the database could not be
     * asked): it is not counted.
     */
    void giveBack(String email) {
        end(email, 0);
    }

    /** The try succeeded: the email starts afresh. */
    void succeeded(String email) {
        end(email, -1);
    }

    /** Whether the email has no try left in its current window. */
    boolean exhausted(String email) {
        lock.lock();
        try {
            Window current = windows.get(key(email));
            return current != null && current.failures() >= attempts
                    && clock.instant().isBefore(current.start().plus(window));
        } finally {
            lock.unlock();
        }
    }

    /** How many emails are counted now (for tests of the bound). */
    int size() {
        lock.lock();
        try {
            return windows.size();
        } finally {
            lock.unlock();
        }
    }

    /** @param failures 1 to count a failure, 0 to count nothing, -1 to forget the failures */
    private void end(String email, int failures) {
        String key = key(email);
        lock.lock();
        try {
            Window ended = windows.get(key);
            if (ended == null) {
                return; // forgotten beyond maxEmails while the try ran
            }
            int running = Math.max(0, ended.running() - 1);
            int counted = failures < 0 ? 0 : ended.failures() + failures;
            if (counted == 0 && running == 0) {
                windows.remove(key);
            } else {
                windows.put(key, new Window(ended.start(), counted, running));
            }
            tryEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The email's window, a new one when there is none or the last has ended (tries still running stay counted). */
    private Window current(String key) {
        Instant now = clock.instant();
        Window current = windows.get(key);
        if (current == null) {
            return new Window(now, 0, 0);
        }
        if (!now.isBefore(current.start().plus(window))) {
            return new Window(now, 0, current.running());
        }
        return current;
    }

    private static String key(String email) {
        return Sha256.hex(email.strip().toLowerCase(Locale.ROOT));
    }
}
