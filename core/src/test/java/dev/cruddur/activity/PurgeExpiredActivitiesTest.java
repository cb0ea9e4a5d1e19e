package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.database.ConnectionPool;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.database.Jdbis;
import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PurgeExpiredActivitiesTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());
    private static final PurgeExpiredActivities purge = new PurgeExpiredActivities(db.jdbi());
    private static final UUID alice = data.user("alice");
    private static final UUID bob = data.user("bob");

    @BeforeEach
    void noActivities() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM activities"));
    }

    private static List<String> remaining() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT message FROM activities ORDER BY message")
                .mapTo(String.class).list());
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }

    @Test
    void deletesOnlyExpiredCrudsAndTheirRepliesAndCountsThem() {
        UUID live = data.crud(alice, "live", minutes(30));
        data.reply(bob, live, "live reply", minutes(10));
        UUID soonGone = data.activity(alice, "expires in a minute", null, minutes(30), minutes(1));
        UUID expired = data.expiredCrud(alice, "expired");
        data.reply(bob, expired, "expired reply 1", minutes(100));
        UUID nested = data.reply(alice, expired, "expired reply 2", minutes(90));
        data.reply(bob, nested, "expired reply to a reply", minutes(80));
        data.expiredCrud(bob, "expired alone");
        data.activity(bob, "expired long ago", null, Duration.ofDays(40), Duration.ofDays(-10));

        long deleted = purge.purge().deleted();

        assertThat(deleted).isEqualTo(6);
        assertThat(remaining()).containsExactly("expires in a minute", "live", "live reply");
        assertThat(data.count("SELECT count(*) FROM activities WHERE uuid = '" + soonGone + "'")).isEqualTo(1);
    }

    @Test
    void secondRunFindsNothing() {
        data.expiredCrud(alice, "expired");
        data.crud(alice, "live", minutes(1));

        assertThat(purge.purge().deleted()).isEqualTo(1);
        assertThat(purge.purge().deleted()).isZero();
        assertThat(remaining()).containsExactly("live");
    }

    @Test
    void nothingExpiredDeletesNothing() {
        UUID live = data.crud(alice, "live", minutes(1));
        data.reply(bob, live, "reply", minutes(0));

        assertThat(purge.purge().deleted()).isZero();
        assertThat(remaining()).containsExactly("live", "reply");
    }

    @Test
    void readersSeeTheSameBeforeAndAfter() {
        UUID live = data.crud(alice, "live", minutes(5));
        data.reply(bob, live, "reply", minutes(1));
        data.expiredCrud(alice, "expired");
        long visibleBefore = data.count("SELECT count(*) FROM visible_activities");

        purge.purge();

        assertThat(data.count("SELECT count(*) FROM visible_activities")).isEqualTo(visibleBefore).isEqualTo(2);
    }

    /**
     * More expired rows than one batch holds, with a crud and its replies (same expiry, as
     * always) straddling the batch boundary: every row is deleted and every row is counted.
     * (A batch holds 1 000 rows: 999 older ones and one of the six tied ones, in practice
     * the crud, which was written first; its replies then used to vanish by cascade, uncounted.)
     */
    @Test
    void countsEveryRowAcrossBatches() {
        data.expiredCruds(alice, "bulk", 999, Duration.ofHours(3), Duration.ofHours(2));
        UUID straddling = data.expiredCrud(bob, "straddling");
        for (int i = 0; i < 5; i++) {
            data.reply(alice, straddling, "straddling reply " + i, minutes(90));
        }
        data.crud(alice, "live", minutes(1));
        assertThat(data.count("SELECT count(*) FROM activities WHERE expires_at <= now()")).isEqualTo(1_005);

        PurgeRun run = purge.purge();

        assertThat(remaining()).containsExactly("live");
        assertThat(run.deleted()).isEqualTo(1_005);
        assertThat(run.batches()).isGreaterThan(1);
    }

    /**
     * Each batch is one short statement of at most the batch size, even for a thread larger than
     * a batch: replies go before the crud they answer, so nothing is deleted by cascade beside
     * the batch.
     */
    @Test
    void deletesInBatchesOfAtMostTheBatchSize() {
        data.expiredCruds(bob, "old", 12, Duration.ofDays(3), Duration.ofDays(2));
        UUID thread = data.expiredCrud(alice, "a thread of 23");
        for (int i = 0; i < 20; i++) {
            data.reply(bob, thread, "thread reply " + i, minutes(100 - i));
        }
        UUID nested = data.reply(alice, thread, "nested parent", minutes(70));
        data.reply(bob, nested, "nested reply", minutes(65));
        data.crud(alice, "live", minutes(1));
        List<Integer> batches = new ArrayList<>();

        PurgeRun run = new PurgeExpiredActivities(db.jdbi(), 10).purge(deleted -> batches.add(deleted));

        assertThat(batches).allSatisfy(size -> assertThat(size).isBetween(1, 10));
        assertThat(remaining()).containsExactly("live");
        assertThat(run.deleted()).isEqualTo(35);
        assertThat(run.batches()).isEqualTo(batches.size()).isGreaterThanOrEqualTo(4);
        assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(35);
    }

    /**
     * A batch passes over a crud whose replies it deletes, and also takes rows that expired
     * later: the next batch still goes back for the crud, so the run leaves nothing expired.
     */
    @Test
    void aCrudPassedOverForItsRepliesIsDeletedInTheSameRun() {
        UUID thread = data.activity(alice, "expired first", null, Duration.ofHours(5), Duration.ofHours(-3));
        for (int i = 0; i < 3; i++) {
            data.reply(bob, thread, "reply " + i, Duration.ofHours(4));
        }
        for (int i = 0; i < 5; i++) {
            data.expiredCrud(bob, "expired later " + i);
        }

        PurgeRun run = new PurgeExpiredActivities(db.jdbi(), 10).purge();

        assertThat(remaining()).isEmpty();
        assertThat(run.deleted()).isEqualTo(9);
        assertThat(run.batches()).isEqualTo(2);
    }

    /**
     * Two processes purging one database: while one run is between two batches (it holds the
     * advisory lock), a second purger skips its turn and deletes nothing; once the first run
     * is over, the lock is free again.
     */
    @Test
    void aSecondPurgerSkipsWhileOneIsRunning() throws Exception {
        for (int i = 0; i < 12; i++) {
            data.expiredCrud(alice, "expired " + i);
        }
        CountDownLatch firstBatchDone = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        try (HikariDataSource otherProcess = ConnectionPool.open(db.url(), "cruddur-other-instance", 1)) {
            PurgeExpiredActivities first = new PurgeExpiredActivities(db.jdbi(), 5);
            PurgeExpiredActivities second = new PurgeExpiredActivities(Jdbis.create(otherProcess), 5);

            CompletableFuture<PurgeRun> firstRun = CompletableFuture.supplyAsync(() -> first.purge(deleted -> {
                firstBatchDone.countDown();
                await(goOn);
                return true;
            }));
            await(firstBatchDone);
            PurgeRun skipped = second.purge();
            goOn.countDown();

            assertThat(skipped.skipped()).isTrue();
            assertThat(skipped.deleted()).isZero();
            assertThat(skipped.batches()).isZero();
            PurgeRun finished = firstRun.get(30, TimeUnit.SECONDS);
            assertThat(finished.skipped()).isFalse();
            assertThat(finished.deleted()).isEqualTo(12);
            assertThat(finished.batches()).isEqualTo(3);

            data.expiredCrud(bob, "expired later");
            PurgeRun afterwards = second.purge();
            assertThat(afterwards.skipped()).isFalse();
            assertThat(afterwards.deleted()).isEqualTo(1);
        } finally {
            goOn.countDown();
        }
        assertThat(remaining()).isEmpty();
    }

    /** A batch that fails (here: it gave up waiting for a row lock) still gives the lock back. */
    @Test
    void aFailedRunReleasesTheLock() throws SQLException {
        UUID locked = data.expiredCrud(alice, "locked by someone else");
        DatabaseUrl impatient = withQuery(db.url(), "options=-c%20lock_timeout%3D100");
        try (HikariDataSource pool = ConnectionPool.open(impatient, "cruddur-impatient", 1);
             Connection locker = db.dataSource().getConnection()) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("SELECT 1 FROM activities WHERE uuid = '" + locked + "' FOR UPDATE");
            }
            Jdbi impatientJdbi = Jdbis.create(pool);
            assertThatThrownBy(() -> new PurgeExpiredActivities(impatientJdbi).purge())
                    .hasMessageContaining("lock");
            locker.rollback();

            PurgeRun other = purge.purge();
            assertThat(other.skipped()).as("the failed run kept the lock").isFalse();
            assertThat(other.deleted()).isEqualTo(1);
            assertThat(lockHolders()).isZero();
        }
    }

    @Test
    void theLockIsGivenBackAfterEachRun() {
        data.expiredCrud(alice, "expired");

        purge.purge();

        assertThat(lockHolders()).isZero();
    }

    private static long lockHolders() {
        return data.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())");
    }

    private static DatabaseUrl withQuery(DatabaseUrl url, String query) {
        String jdbc = url.jdbcUrl();
        return new DatabaseUrl(jdbc + (jdbc.contains("?") ? "&" : "?") + query, url.user(), url.password());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("gave up waiting for the other purger");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
