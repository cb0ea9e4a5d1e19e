package dev.cruddur.server.identity;

import java.time.Clock;
import java.time.Duration;

/**
 * The development provider's limits on guessing, one {@link AttemptThrottle} each: wrong
 * passwords (InitiateAuth), wrong one-time codes (ConfirmSignUp and ConfirmForgotPassword
 * share one count per email) and codes asked for (SignUp's is free; ResendConfirmationCode and
 * ForgotPassword share one count, so nobody floods a mailbox, or here the log).
 * The numbers, and why these answers, are explained in {@code docs/identity.md} (Throttling).
 */
record Throttles(AttemptThrottle passwords, AttemptThrottle codes, AttemptThrottle codeRequests) {

    static final int ATTEMPTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /**
     * Per throttle. An email costs about 200 bytes (map entry, 64-character hex key, window,
     * instant: an estimate from the object layouts), so about 4 MB per throttle at most.
     */
    static final int MAX_EMAILS = 20_000;

    static Throttles standard(Clock clock) {
        return new Throttles(new AttemptThrottle(clock, ATTEMPTS, WINDOW, MAX_EMAILS),
                new AttemptThrottle(clock, ATTEMPTS, WINDOW, MAX_EMAILS),
                new AttemptThrottle(clock, ATTEMPTS, WINDOW, MAX_EMAILS));
    }
}
