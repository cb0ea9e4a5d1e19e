package dev.cruddur.localcognito;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The development provider's limits kept in memory, one {@link AttemptThrottle} each: wrong
 * passwords (InitiateAuth), counted per account and, apart, per email without an account;
 * codes asked for per account or email (ResendConfirmationCode and ForgotPassword share one
 * count, so nobody floods a mailbox, or here the log); sign-ups per email; and sign-ups and
 * codes asked for per client address. Wrong one-time codes are counted in the database
 * instead ({@link CodeGuesses}). The numbers, and why these answers, are explained in
 * {@code docs/identity.md} (Throttling).
 *
 * <p>Why the tables cannot be flushed to reset someone's count: the table of accounts'
 * passwords fills only with accounts, which take sign-ups to make; the tables per email fill
 * only with requests each address is allowed a few of; and what is forgotten about an email
 * without an account protects nobody.
 */
public record Throttles(AttemptThrottle accountPasswords, AttemptThrottle otherPasswords, AttemptThrottle codeRequests,
                 AttemptThrottle signUps, AttemptThrottle codeRequestsPerAddress, AttemptThrottle signUpsPerAddress) {

    /** Wrong passwords per account (or email), and codes asked for, per {@link #WINDOW}. */
    public static final int ATTEMPTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Sign-ups, and apart from them codes asked for, from one client address per {@link #ADDRESS_WINDOW}. */
    public static final int PER_ADDRESS = 30;
    static final Duration ADDRESS_WINDOW = Duration.ofHours(1);
    /**
     * Per throttle. A key costs about 200 bytes (map entry, 64-character hex key, window,
     * instant: an estimate from the object layouts), so about 4 MB per throttle at most.
     */
    static final int MAX_EMAILS = 20_000;

    static Throttles standard(Clock clock) {
        return new Throttles(perEmail(clock), perEmail(clock), perEmail(clock), perEmail(clock),
                perAddress(clock), perAddress(clock));
    }

    /** The count of wrong passwords for this key: an account's own, or the one of emails without an account. */
    AttemptThrottle passwords(AttemptKey key) {
        return key.isAccount() ? accountPasswords : otherPasswords;
    }

    /**
     * Runs a sign-up if both its address and its email have one left, and counts it for both.
     * The email's key is asked of the database only once the address is allowed.
     *
     * @throws CognitoError {@code LimitExceededException} when either is used up
     */
    <T> T signUp(ClientAddress from, Supplier<AttemptKey> email, Supplier<T> request) {
        return signUpsPerAddress.count(from.key(), () -> signUps.count(email.get().value(), request));
    }

    /** The same for a code asked for (ResendConfirmationCode, ForgotPassword). */
    <T> T codeRequest(ClientAddress from, Supplier<AttemptKey> email, Supplier<T> request) {
        return codeRequestsPerAddress.count(from.key(), () -> codeRequests.count(email.get().value(), request));
    }

    private static AttemptThrottle perEmail(Clock clock) {
        return new AttemptThrottle(clock, ATTEMPTS, WINDOW, MAX_EMAILS);
    }

    private static AttemptThrottle perAddress(Clock clock) {
        return new AttemptThrottle(clock, PER_ADDRESS, ADDRESS_WINDOW, MAX_EMAILS);
    }
}
