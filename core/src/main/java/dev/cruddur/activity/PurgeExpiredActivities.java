package dev.cruddur.activity;

import dev.cruddur.activity.ActivityDao.PurgedBatch;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes what has self-destructed: expired cruds, their replies, and through
 * {@code ON DELETE CASCADE} every row of another table that belongs to one of them; then expired
 * direct messages. Readers never see either once expired (every read filters them out); purging
 * takes them off the disk.
 *
 * <p>A run deletes in batches of at most {@code batchSize} rows, each one statement and so one
 * short transaction, until nothing expired is left. One process at a time purges a database: a
 * run holds a PostgreSQL advisory lock ({@link #LOCK_KEY}), and a run that finds it taken does
 * nothing ({@link PurgeRun#skipped()}), because the process holding it is doing the same work.
 * The server runs it on a schedule; {@code cruddur db purge-expired} runs it once.
 */
public final class PurgeExpiredActivities {

    /** Rows per batch: a few tens of milliseconds of work, and as many row locks at most. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    /**
     * The advisory lock a purge run holds, the same number in every Cruddur process (the ASCII
     * of "cruddurP" read as one 64-bit number, so that it is unlikely to meet another
     * application's key on a shared database).
     */
    public static final long LOCK_KEY = 0x6372756464757250L;

    /** Watches a run's batches as they commit, and may stop the run between two of them. */
    @FunctionalInterface
    public interface Progress {

        Progress UNTIL_DONE = deleted -> true;

        /**
         * @param deleted how many rows the batch that just committed deleted (at least one)
         * @return whether the run goes on with its next batch
         */
        boolean afterBatch(int deleted);
    }

    private final Jdbi jdbi;
    private final int batchSize;

    public PurgeExpiredActivities(Jdbi jdbi) {
        this(jdbi, DEFAULT_BATCH_SIZE);
    }

    public PurgeExpiredActivities(Jdbi jdbi, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
        }
        this.jdbi = jdbi;
        this.batchSize = batchSize;
    }

    /** Deletes everything that has expired, batch after batch, unless another process is at it. */
    public PurgeRun purge() {
        return purge(Progress.UNTIL_DONE);
    }

    /** The same, telling {@code progress} about each batch; it may stop the run between two. */
    public PurgeRun purge(Progress progress) {
        // One connection for the whole run: the advisory lock belongs to its session.
        return jdbi.withHandle(handle -> {
            ActivityDao dao = new ActivityDao(handle);
            if (!dao.tryPurgeLock(LOCK_KEY)) {
                return PurgeRun.SKIPPED;
            }
            PurgeRun run;
            try {
                run = batches(dao, progress);
            } catch (RuntimeException e) {
                releaseAfterFailure(dao, e);
                throw e;
            }
            dao.releasePurgeLock(LOCK_KEY);
            return run;
        });
    }

    private PurgeRun batches(ActivityDao dao, Progress progress) {
        Count activities = new Count();
        boolean goOn = deleteAll(dao::purgeExpired, progress, activities);
        Count messages = new Count();
        if (goOn) {
            deleteAll(dao::purgeExpiredMessages, progress, messages);
        }
        return new PurgeRun(false, activities.deleted, messages.deleted, activities.batches + messages.batches);
    }

    /** One kind of row, batch after batch until none is left. @return false when {@code progress} stopped the run */
    private boolean deleteAll(Batch batchOf, Progress progress, Count count) {
        Instant resumeFrom = null;
        while (true) {
            PurgedBatch batch = batchOf.delete(resumeFrom, batchSize);
            if (batch.deleted() == 0) {
                return true;
            }
            count.deleted += batch.deleted();
            count.batches++;
            resumeFrom = batch.resumeFrom();
            if (!progress.afterBatch(batch.deleted())) {
                return false;
            }
        }
    }

    /** One of the DAO's purge statements. */
    @FunctionalInterface
    private interface Batch {
        PurgedBatch delete(Instant resumeFrom, int batchSize);
    }

    /** What the batches of one kind deleted so far. */
    private static final class Count {
        long deleted;
        int batches;
    }

    /**
     * A failed batch leaves the session usable (it was its own transaction), so the lock is
     * given back at once. If even that fails the connection is broken, and PostgreSQL frees the
     * lock when it notices the session is gone.
     */
    private static void releaseAfterFailure(ActivityDao dao, RuntimeException failure) {
        try {
            dao.releasePurgeLock(LOCK_KEY);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
