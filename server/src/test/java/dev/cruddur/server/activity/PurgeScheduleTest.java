package dev.cruddur.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.SignedUpUser;
import dev.cruddur.server.TestServer;
import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.ApiClient;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server deletes expired cruds by itself, on a connection of its own, one instance at a
 * time, without holding up a request, and stops doing so when it stops. The tests wait for
 * what the server does (a count of finished runs, a purge seen waiting in pg_stat_activity),
 * never for a length of time; the rows are made expired by writing them so, as the database
 * clock decides expiry.
 */
class PurgeScheduleTest {

    /** Short, so the tests wait little; nothing depends on its exact length. */
    private static final Duration PURGE_OFTEN = Duration.ofMillis(100);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static FakeCognitoPool issuer;

    @BeforeAll
    static void startIssuer() {
        issuer = FakeCognitoPool.start();
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void aServerDeletesExpiredCrudsAndTheirRepliesByItself() {
        try (TestServer server = TestServer.trusting(issuer).purgeEvery(PURGE_OFTEN).start()) {
            TestData data = new TestData(server.database().jdbi());
            UUID alice = data.user("alice");
            UUID bob = data.user("bob");
            UUID expired = data.expiredCrud(alice, "expired");
            UUID reply = data.reply(bob, expired, "reply", Duration.ofMinutes(90));
            UUID nested = data.reply(alice, reply, "reply to the reply", Duration.ofMinutes(80));
            UUID live = data.crud(alice, "live", Duration.ofMinutes(5));
            UUID liveReply = data.reply(bob, live, "live reply", Duration.ofMinutes(1));

            awaitRunsAfterNow(server);

            assertThat(rowsAmong(data, expired, reply, nested)).as("expired rows left in the table").isZero();
            assertThat(rowsAmong(data, live, liveReply)).isEqualTo(2);
        }
    }

    /**
     * The purge's DELETE is held up mid-statement (the test holds a lock on one of the rows it
     * deletes, taken before the server starts), so it sits holding its own row locks and its
     * connection: reads, posts, replies and the health check are all answered meanwhile.
     */
    @Test
    void requestsAreAnsweredWhileAPurgeIsInTheMiddleOfABatch() throws SQLException {
        try (TestDatabase database = TestDatabase.migrated();
             Connection locker = database.dataSource().getConnection()) {
            SignedUpUser alice = SignedUpUser.register(database, "alice", "Alice");
            SignedUpUser bob = SignedUpUser.register(database, "bob", "Bob");
            TestData data = new TestData(database.jdbi());
            UUID expired = data.expiredCrud(alice.uuid(), "expired");
            UUID expiredReply = data.reply(bob.uuid(), expired, "expired reply", Duration.ofMinutes(90));
            for (int i = 0; i < 50; i++) {
                data.expiredCrud(bob.uuid(), "expired alone " + i);
            }
            UUID live = data.crud(alice.uuid(), "live", Duration.ofMinutes(5));
            lockRow(locker, expiredReply);

            try (TestServer server = TestServer.trusting(issuer).onDatabase(database.url())
                    .purgeEvery(PURGE_OFTEN).start()) {
                ApiClient api = server.client();
                String token = issuer.accessTokenFor(alice.sub());
                answeredWhileOnePurgeWaits(database.jdbi(), () -> {
                    assertThat(api.get("/api/activities/home").status()).isEqualTo(200);
                    assertThat(api.get("/api/activities/" + live).status()).isEqualTo(200);
                    assertThat(api.get("/api/activities/" + expired).status()).as("expired: never served").isEqualTo(404);
                    Response post = api.postJson("/api/activities", "{\"message\":\"during a purge\",\"ttl\":\"1-hour\"}", token);
                    assertThat(post.status()).as(post.body()).isEqualTo(201);
                    Response reply = api.postJson("/api/activities/" + live + "/reply", "{\"message\":\"me too\"}", token);
                    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
                    assertThat(api.get("/api/health-check").status()).isEqualTo(200);
                });
                locker.rollback();

                awaitRunsAfterNow(server);
                assertThat(rowsAmong(data, expired, expiredReply)).isZero();
                assertThat(data.count("SELECT count(*) FROM activities WHERE expires_at <= now()")).isZero();
            }
        }
    }

    /**
     * Two servers on one database: while one is purging (held up mid-batch, holding the
     * advisory lock), every turn of the other is skipped, and no two purge statements ever run.
     */
    @Test
    void twoServersOnOneDatabasePurgeOneAtATime() throws SQLException {
        try (TestDatabase database = TestDatabase.migrated();
             Connection locker = database.dataSource().getConnection()) {
            TestData data = new TestData(database.jdbi());
            UUID alice = data.user("alice");
            UUID expired = data.expiredCrud(alice, "expired");
            UUID locked = data.reply(alice, expired, "locked reply", Duration.ofMinutes(90));
            lockRow(locker, locked);

            try (TestServer first = TestServer.trusting(issuer).onDatabase(database.url())
                    .purgeEvery(PURGE_OFTEN).start();
                 TestServer second = TestServer.trusting(issuer).onDatabase(database.url())
                         .purgeEvery(PURGE_OFTEN).start()) {
                PurgeWait wait = awaitPurgeWaiting(database.jdbi());
                long firstSkips = first.purge().skips();
                long secondSkips = second.purge().skips();

                await("four turns skipped", () -> first.purge().skips() - firstSkips + second.purge().skips() - secondSkips >= 4);
                List<PurgeWait> purging = purgesRunning(database.jdbi());
                if (purging.equals(List.of(wait))) {
                    // The skipped turns all fell within that one held-up statement: they were the other server's.
                    assertThat(List.of(first.purge().skips() - firstSkips, second.purge().skips() - secondSkips))
                            .as("new skipped turns of the first and of the second server")
                            .contains(0L).anySatisfy(skips -> assertThat(skips).isGreaterThanOrEqualTo(4));
                }
                assertThat(purging).as("purge statements running at once").hasSizeLessThanOrEqualTo(1);
                assertThat(advisoryLockHolders(database.jdbi())).isEqualTo(1);
                locker.rollback();

                awaitRunsAfterNow(first);
                awaitRunsAfterNow(second);
                assertThat(rowsAmong(data, expired, locked)).isZero();
            }
        }
    }

    @Test
    void stoppingTheServerStopsThePurgeAndItsConnection() throws SQLException {
        try (TestDatabase database = TestDatabase.migrated();
             Connection locker = database.dataSource().getConnection()) {
            TestData data = new TestData(database.jdbi());
            UUID alice = data.user("alice");
            UUID expired = data.expiredCrud(alice, "expired");
            UUID locked = data.reply(alice, expired, "locked reply", Duration.ofMinutes(90));
            lockRow(locker, locked);
            TestServer server = TestServer.trusting(issuer).onDatabase(database.url()).purgeEvery(PURGE_OFTEN).start();
            boolean stopped = false;
            try {
                awaitPurgeWaiting(database.jdbi());

                server.close();
                stopped = true;

                assertThat(purgeThreads()).as("purge threads left running").isEmpty();
                assertThat(purgesRunning(database.jdbi())).as("the held-up batch was cancelled").isEmpty();
                locker.rollback();
            } finally {
                if (!stopped) {
                    server.close();
                }
            }
            // The batch cut short by the stop rolled back: nothing was half deleted.
            assertThat(rowsAmong(data, expired, locked)).isEqualTo(2);
            await("the purge's session to end", () -> purgeSessions(database.jdbi()) == 0);
            assertThat(advisoryLockHolders(database.jdbi())).isZero();
        }
    }

    /** What pg_stat_activity shows of a purge statement waiting for a lock. */
    private record PurgeWait(int pid, OffsetDateTime queryStart) {
    }

    /**
     * Runs {@code requests} while one and the same purge statement waits for the test's lock
     * from before they start until after they end. (If the purge gave up waiting in between, at
     * its lock timeout, the requests are run again inside the next wait.)
     */
    private static void answeredWhileOnePurgeWaits(Jdbi jdbi, Runnable requests) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            PurgeWait before = awaitPurgeWaiting(jdbi);
            requests.run();
            if (purgesRunning(jdbi).equals(List.of(before))) {
                return;
            }
        }
        throw new AssertionError("the purge never stayed held up while the requests ran");
    }

    private static PurgeWait awaitPurgeWaiting(Jdbi jdbi) {
        await("a purge waiting for the test's row lock", () -> !purgesRunning(jdbi).isEmpty());
        return purgesRunning(jdbi).get(0);
    }

    /** The purge statements running now, and waiting for a lock. */
    private static List<PurgeWait> purgesRunning(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT pid, query_start FROM pg_stat_activity
                        WHERE datname = current_database() AND application_name = 'cruddur-server-purge'
                          AND state = 'active' AND wait_event_type = 'Lock'""")
                .map((rs, ctx) -> new PurgeWait(rs.getInt("pid"), rs.getObject("query_start", OffsetDateTime.class)))
                .list());
    }

    private static long purgeSessions(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND application_name = 'cruddur-server-purge'""")
                .mapTo(Long.class).one());
    }

    private static long advisoryLockHolders(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM pg_locks
                        WHERE locktype = 'advisory' AND granted
                          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""")
                .mapTo(Long.class).one());
    }

    private static List<String> purgeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName).filter(name -> name.startsWith("cruddur-purge")).toList();
    }

    /** Holds a row lock on {@code uuid} until the connection rolls back: a DELETE of that row waits. */
    private static void lockRow(Connection connection, UUID uuid) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1 FROM activities WHERE uuid = '" + uuid + "' FOR UPDATE");
        }
    }

    /** Waits until two more runs have finished: the second one started after this call. */
    private static void awaitRunsAfterNow(TestServer server) {
        long target = server.purge().runs() + 2;
        await("two more purge runs", () -> server.purge().runs() >= target);
    }

    private static long rowsAmong(TestData data, UUID... uuids) {
        StringBuilder list = new StringBuilder();
        for (UUID uuid : uuids) {
            list.append(list.isEmpty() ? "" : ", ").append('\'').append(uuid).append('\'');
        }
        return data.count("SELECT count(*) FROM activities WHERE uuid IN (" + list + ")");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
