package dev.cruddur.localcognito;

import java.util.UUID;
import org.jdbi.v3.sqlobject.locator.UseClasspathSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Each account's count of wrong one-time codes, in fixed windows, kept in the database beside
 * the account so that neither a restart nor a flood of other emails resets it; runs
 * {@code resources/dev/cruddur/server/identity/CodeFailureDao/<method>.sql}. Call these with the
 * account's row locked ({@link AccountDao#findByEmailForUpdate}): that lock orders the tries.
 */
@UseClasspathSqlLocator
interface CodeFailureDao {

    @SqlQuery
    boolean usedUp(UUID sub, int attempts, long windowSeconds);

    /** @return the wrong codes in the account's current window, this one included */
    @SqlQuery
    int failed(UUID sub, long windowSeconds);

    @SqlUpdate
    void forget(UUID sub);
}
