package dev.cruddur.activity;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets one mark at a time per crud, in this process, go to the database. Every like and repost
 * of a crud takes its row lock for its whole statement, so many people marking one popular crud
 * queue on that lock; PostgreSQL wakes every waiter at each commit, and with 16 of them a second
 * went to waking up rather than to marking (pgbench of the mark's SQL on one crud: about 2,900
 * marks a second from one connection, 1,300 from sixteen; docs/benchmarks.md). Waiting here
 * instead costs a parked thread and no connection. The database's lock still decides; this only
 * keeps its queue short. Cruds share a lock when their uuids hash alike, which at worst makes two
 * marks wait for each other as they would for one crud.
 */
final class OneMarkAtATime {

    private static final int LOCKS = 256;

    private final ReentrantLock[] locks = new ReentrantLock[LOCKS];

    OneMarkAtATime() {
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    <T> T on(UUID crud, Supplier<T> mark) {
        ReentrantLock lock = locks[Math.floorMod(crud.hashCode(), LOCKS)];
        lock.lock();
        try {
            return mark.get();
        } finally {
            lock.unlock();
        }
    }
}
