package dev.cruddur.database;

import org.jdbi.v3.core.Jdbi;

/**
 * One read replica as {@link ReplicaRouting} uses it.
 *
 * @param name     how logs name it (its URL without the password)
 * @param requests the pool the routed reads run on
 * @param checks   a pool of its own for the check every second, so a busy {@code requests} pool
 *                 never makes a healthy replica look down
 */
public record ReadReplica(String name, Jdbi requests, Jdbi checks) {
}
