package dev.cruddur.localcognito;

import org.jdbi.v3.core.Jdbi;

/**
 * Whom tries for an email are counted against: the account the email reaches, or, for an email
 * no account has, the address as the database folds it. The accounts are found by comparing
 * PostgreSQL's {@code lower()} of both sides, which folds more than Java's
 * {@code toLowerCase} does (to it {@code İ}, U+0130, is {@code i}); keyed this way, every
 * spelling that reaches one account shares that account's count.
 *
 * @param value {@code account:<sub>} or {@code email:<lower(email)>}
 */
record AttemptKey(String value) {

    private static final String ACCOUNT = "account:";

    /** The key of {@code email}, asked of the database (one query). */
    static AttemptKey of(Jdbi jdbi, String email) {
        return new AttemptKey(jdbi.withExtension(AccountDao.class, accounts -> accounts.attemptKey(email)));
    }

    /**
     * The key of {@code email} as the database folds it, whether or not an account has it: for a
     * count that must span the moment an account is made (sign-ups).
     */
    static AttemptKey ofEmail(Jdbi jdbi, String email) {
        return new AttemptKey(jdbi.withExtension(AccountDao.class, accounts -> accounts.emailKey(email)));
    }

    /** Whether an account has this email; the throttles answer the same either way. */
    boolean isAccount() {
        return value.startsWith(ACCOUNT);
    }
}
