package dev.cruddur.server.activity;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.activity.PurgeExpiredActivities;
import dev.cruddur.activity.PurgeRun;
import dev.cruddur.database.ConnectionPool.Workload;
import dev.cruddur.database.Jdbis;
import dev.cruddur.server.database.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own purge of expired cruds: every interval, one thread runs
 * {@link PurgeExpiredActivities} (batches of a thousand rows, one process per database at a
 * time) over a pool of one connection of its own, so it never takes a connection from the
 * requests, and its statements are bounded by {@link Workload#BACKGROUND}, not the requests'
 * 1.5 s. A run that fails (the database is away) is logged and tried again at the next turn.
 */
public final class PurgeSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PurgeSchedule.class);

    /** What a stop gives the batch in progress (about 0.1 s of work) to commit, before cancelling it. */
    static final Duration BATCH_GRACE = Duration.ofSeconds(1);
    /** How long a cancelled batch may take to answer (PostgreSQL rolls it back at once). */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);

    private final Duration interval;
    private final HikariDataSource pool;
    private final PurgeExpiredActivities purge;
    private final ScheduledThreadPoolExecutor executor;
    /** The connection a run is using now, so that a stop can cancel its statement. */
    private final AtomicReference<Connection> inUse = new AtomicReference<>();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong skips = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private volatile boolean stopping;

    private PurgeSchedule(Duration interval, HikariDataSource pool) {
        this.interval = interval;
        this.pool = pool;
        this.purge = new PurgeExpiredActivities(Jdbis.create(this::connection));
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("cruddur-purge");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Opens the purge's connection pool and runs the first purge one interval from now. */
    public static PurgeSchedule start(Database database, Duration interval) {
        HikariDataSource pool = database.openPool("purge", 1, Workload.BACKGROUND);
        PurgeSchedule schedule = new PurgeSchedule(interval, pool);
        // A fixed delay, not a fixed rate: a long run (a backlog) is never followed by a burst of turns.
        schedule.executor.scheduleWithFixedDelay(schedule::runOnce, interval.toNanos(), interval.toNanos(),
                TimeUnit.NANOSECONDS);
        log.info("Expired cruds are purged every {}", describe(interval));
        return schedule;
    }

    /** Runs finished so far, skipped and failed ones included. */
    public long runs() {
        return runs.get();
    }

    /** Runs that found another process purging the database, and so did nothing. */
    public long skips() {
        return skips.get();
    }

    /** Expired activities deleted by this server's runs so far. */
    public long deleted() {
        return deleted.get();
    }

    private void runOnce() {
        if (stopping) {
            return;
        }
        long started = System.nanoTime();
        try {
            PurgeRun run = purge.purge(deletedSoFar -> !stopping);
            deleted.addAndGet(run.deleted());
            if (run.skipped()) {
                skips.incrementAndGet();
                log.debug("Another process is purging this database; skipping this turn");
            } else if (run.deleted() > 0 || run.messagesDeleted() > 0) {
                log.info("Purged {} expired activit{} and {} expired message{} in {} batch{} ({} ms)", run.deleted(),
                        run.deleted() == 1 ? "y" : "ies", run.messagesDeleted(), run.messagesDeleted() == 1 ? "" : "s",
                        run.batches(), run.batches() == 1 ? "" : "es",
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            if (stopping) {
                log.info("Stopping: the purge's batch in progress was cancelled and rolled back");
            } else {
                // The database's own words (a lock timeout, a refused connection) without the
                // statement, which the log does not need once a minute; the next turn tries again.
                log.warn("Purging expired cruds failed, trying again in {}: {}", describe(interval), rootMessage(e));
            }
        } finally {
            runs.incrementAndGet();
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = pool.getConnection();
        inUse.set(connection);
        return connection;
    }

    /**
     * No new run starts; the batch in progress, if any, gets {@link #BATCH_GRACE} to commit and
     * is then cancelled (PostgreSQL rolls it back: nothing is half deleted, and the next start
     * deletes it). Then the pool closes.
     */
    @Override
    public void close() {
        stopping = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(BATCH_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                cancelRunningStatement();
                if (!executor.awaitTermination(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Stopping: the purge did not stop within {} s; closing its connection",
                            BATCH_GRACE.plus(CANCEL_WAIT).toSeconds());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.close();
        }
    }

    /** Asks PostgreSQL to cancel what the purge's connection is running (a no-op when it runs nothing). */
    private void cancelRunningStatement() {
        Connection connection = inUse.get();
        if (connection == null) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException e) {
            log.debug("Stopping: could not cancel the purge's statement: {}", e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static String describe(Duration interval) {
        long seconds = interval.toSeconds();
        if (seconds == 0) {
            return interval.toMillis() + " ms";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
