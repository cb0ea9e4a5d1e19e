package dev.cruddur.server.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * At most {@code attempts} tries per email in a fixed window (e.g. five wrong passwords in
 * fifteen minutes); once they are used up every try is refused, the right one too, until the
 * window ends by itself. A success forgets the email's count.
 *
 * <p>An attempt is counted when it starts, not when it fails, so parallel requests cannot
 * slip past the limit between the check and the count. The key is the email as typed, whether
 * or not an account has it, so the throttle does not tell which emails exist.
 *
 * <p>The counts live in memory, which suits a development provider (a restart clears them).
 * They stay bounded: keys are stored as SHA-256 (a 64 KB "email" costs 64 characters) and the
 * least recently tried emails are forgotten beyond {@code maxEmails}. Forgetting is the price
 * of the bound: someone who tries {@code maxEmails} other emails in between resets one
 * email's count; that takes as many slow (BCrypt) requests as there are keys.
 */
final class AttemptThrottle {

    private record Window(Instant start, int attempts) {
    }

    private final Clock clock;
    private final int attempts;
    private final Duration window;
    private final Map<String, Window> windows;

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

    /** Counts one attempt; false (and nothing counted) when the email's attempts are used up. */
    synchronized boolean tryAttempt(String email) {
        String key = key(email);
        Instant now = clock.instant();
        Window current = windows.get(key);
        if (current == null || !now.isBefore(current.start().plus(window))) {
            current = new Window(now, 0);
        }
        if (current.attempts() >= attempts) {
            return false;
        }
        windows.put(key, new Window(current.start(), current.attempts() + 1));
        return true;
    }

    /** Whether the email has no attempt left in its current window. */
    synchronized boolean exhausted(String email) {
        Window current = windows.get(key(email));
        return current != null && current.attempts() >= attempts
                && clock.instant().isBefore(current.start().plus(window));
    }

    /** The attempt succeeded: the email starts afresh. */
    synchronized void succeeded(String email) {
        windows.remove(key(email));
    }

    /** How many emails are counted now (for tests of the bound). */
    synchronized int size() {
        return windows.size();
    }

    private static String key(String email) {
        return Sha256.hex(email.strip().toLowerCase(Locale.ROOT));
    }
}
