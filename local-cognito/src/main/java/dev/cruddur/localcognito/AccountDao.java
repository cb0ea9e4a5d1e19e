package dev.cruddur.localcognito;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The development identity provider's accounts; each method runs
 * {@code resources/dev/cruddur/server/identity/AccountDao/<method>.sql}. Emails are matched
 * ignoring case, as usernames are in a Cognito pool that signs in with email.
 */
@UseClasspathSqlLocator
@RegisterConstructorMapper(Account.class)
interface AccountDao {

    /** @return 0 when an account with this email (ignoring case) exists already */
    @SqlUpdate
    int insert(UUID sub, String email, String name, String preferredUsername, String passwordHash,
               String confirmationCodeHash, Instant confirmationCodeExpires);

    @SqlQuery
    Optional<Account> findByEmail(String email);

    /** Locks the row until the transaction ends, so one code cannot be used twice by concurrent requests. */
    @SqlQuery
    Optional<Account> findByEmailForUpdate(String email);

    @SqlQuery
    Optional<Account> findBySub(UUID sub);

    /**
     * Another sign-up, not confirmed yet, chose this handle (ignoring case) and holds it: for
     * {@code holdSeconds} after it was made, and only while its code has not expired.
     */
    @SqlQuery
    boolean isHandlePending(String handle, long holdSeconds);

    /** @return 0 when the account is gone (deleted as an expired sign-up meanwhile) */
    @SqlUpdate
    int replaceConfirmationCode(UUID sub, String confirmationCodeHash, Instant confirmationCodeExpires);

    /** Marks the account confirmed and uses up its confirmation code. */
    @SqlUpdate
    void confirm(UUID sub);

    @SqlUpdate
    void replaceResetCode(UUID sub, String resetCodeHash, Instant resetCodeExpires);

    /** Sets the new password hash and uses up the reset code. */
    @SqlUpdate
    void resetPassword(UUID sub, String passwordHash);

    /** Expires the account's outstanding codes now (too many wrong guesses). */
    @SqlUpdate
    void forgetCodes(UUID sub);

    /** The account's sub, or the email as the database folds it: see {@link AttemptKey}. */
    @SqlQuery
    String attemptKey(String email);

    /** The email as the database folds it, whether or not an account has it: see {@link AttemptKey}. */
    @SqlQuery
    String emailKey(String email);

    /**
     * Deletes the sign-ups nobody confirmed whose code has expired, once {@code holdSeconds}
     * have passed since they were made.
     *
     * @return how many were deleted
     */
    @SqlUpdate
    int purgeExpiredSignUps(long holdSeconds);
}
