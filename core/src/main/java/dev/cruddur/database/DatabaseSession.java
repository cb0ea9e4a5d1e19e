package dev.cruddur.database;

import java.time.Instant;

/** One connection to the database server, as {@code pg_stat_activity} describes it. */
public record DatabaseSession(
        int pid,
        String user,
        String database,
        String clientAddress,
        String applicationName,
        String state,
        Instant backendStart,
        Instant stateChange) {
}
