package dev.cruddur.activity;

/**
 * What one purge run did.
 *
 * @param skipped true when another process was purging the same database, so this run did nothing
 * @param deleted         the activities (cruds and replies) the run deleted
 * @param messagesDeleted the direct messages the run deleted
 * @param batches         the batches that deleted something (of either), each one statement and one transaction
 */
public record PurgeRun(boolean skipped, long deleted, long messagesDeleted, int batches) {

    static final PurgeRun SKIPPED = new PurgeRun(true, 0, 0, 0);
}
