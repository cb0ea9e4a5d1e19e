package dev.cruddur.database;

/** How much is in the database; {@code expiredActivities} are waiting for {@code db purge-expired}. */
public record RowCounts(long users, long activities, long visibleActivities, long expiredActivities) {
}
