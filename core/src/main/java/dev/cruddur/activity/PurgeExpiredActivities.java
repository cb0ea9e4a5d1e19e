package dev.cruddur.activity;

import org.jdbi.v3.core.Jdbi;

/**
 * Deletes what has self-destructed. Readers never see expired cruds anyway (they are filtered
 * on every read); purging keeps tables and indexes small.
 */
public final class PurgeExpiredActivities {

    private static final int BATCH_SIZE = 10_000;

    private final Jdbi jdbi;

    public PurgeExpiredActivities(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return how many activities (cruds and replies) were deleted */
    public long purge() {
        long total = 0;
        int deleted;
        do {
            deleted = jdbi.withHandle(h -> new ActivityDao(h).purgeExpired(BATCH_SIZE));
            total += deleted;
            // A batch also deletes its rows' replies, so a full batch can count more than
            // BATCH_SIZE; fewer means every expired row fitted in it.
        } while (deleted >= BATCH_SIZE);
        return total;
    }
}
