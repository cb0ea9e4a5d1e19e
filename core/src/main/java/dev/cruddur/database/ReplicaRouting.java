package dev.cruddur.database;

import dev.cruddur.error.NotFoundException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends reads to read replicas ({@code DATABASE_READ_URL}) when that is as good as the primary,
 * and to the primary otherwise.
 *
 * <p><b>Lag.</b> Every {@link #DEFAULT_CHECK_INTERVAL} the primary's WAL position is sampled and
 * each replica is asked how far it has replayed. A replica is used only while it has replayed
 * past the primary's position of {@code maxLag} ago (everything committed before then is on it),
 * and while it answers; one that is down or behind is skipped and taken back by a later check.
 * A read that fails on a replica (it stopped between two checks) is run again on the primary and
 * the replica is skipped until the next check says otherwise, so a stopped replica costs no error.
 *
 * <p><b>Read-your-writes.</b> After a person's write commits, {@link #recordWrite} keeps the
 * primary's WAL position in the primary ({@code recent_writes}), where every instance behind the
 * load balancer finds it. Their next reads go to a replica whose last check showed it replayed
 * that far, or to the primary: one primary-key read on the primary per signed-in read buys that.
 * Someone not signed in reads from any replica within the lag bound.
 *
 * <p>Whatever a replica says was not found (a crud, a person) is asked of the primary too: it may
 * be something made a moment ago by someone else, linked from the primary's answer.
 */
public final class ReplicaRouting implements Reads, AutoCloseable {

    /** Within a typical load balancer's health check interval; each check is two function calls. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** RDS replicas usually replay within a fraction of a second; two is a replica in trouble. */
    public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(2);
    /** A statement on a replica cancelled because it conflicted with replaying the primary's WAL. */
    private static final String RECOVERY_CONFLICT = "40001";

    private static final Logger log = LoggerFactory.getLogger(ReplicaRouting.class);

    /** What one replica looks like now. */
    public record ReplicaStatus(String name, boolean usable, String state) {
    }

    private final Jdbi primary;
    private final List<Replica> replicas;
    private final Duration maxLag;
    private final ScheduledExecutorService checks;
    private final AtomicInteger turn = new AtomicInteger();
    /** The primary's position at each check, oldest first; touched by the checking thread only. */
    private final Deque<Sample> samples = new ArrayDeque<>();

    private record Sample(long nanos, Lsn lsn) {
    }

    /** One replica's pools and what its last check (or a failed read) found. */
    private static final class Replica {
        final String name;
        final Jdbi requests;
        final Jdbi checks;
        volatile boolean usable;
        volatile Lsn replayed = new Lsn(0);
        volatile String state = "not checked yet";

        Replica(ReadReplica replica) {
            this.name = replica.name();
            this.requests = replica.requests();
            this.checks = replica.checks();
        }

        void judge(boolean nowUsable, String why) {
            if (nowUsable != usable) {
                if (nowUsable) {
                    log.info("Read replica {} is in use: {}", name, why);
                } else {
                    log.warn("Read replica {} is skipped: {}", name, why);
                }
            }
            usable = nowUsable;
            state = why;
        }
    }

    /**
     * Starts checking the replicas at once and then every {@code checkInterval}; until a
     * replica's first check it is not read from. {@link #close} stops the checks (the caller
     * closes the pools).
     */
    public ReplicaRouting(Jdbi primary, List<ReadReplica> replicas, Duration maxLag, Duration checkInterval) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("no replicas: read from the primary alone (Reads.primaryOnly)");
        }
        this.primary = primary;
        this.replicas = replicas.stream().map(Replica::new).toList();
        this.maxLag = maxLag;
        this.checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "replica-checks");
            thread.setDaemon(true);
            return thread;
        });
        checks.scheduleWithFixedDelay(this::checkQuietly, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public <T> T read(UUID readerUuid, Function<Jdbi, T> work) {
        Optional<Replica> replica = choose(readerUuid);
        if (replica.isEmpty()) {
            return work.apply(primary);
        }
        try {
            return work.apply(replica.get().requests);
        } catch (NotFoundException notThereYet) {
            return work.apply(primary);
        } catch (RuntimeException e) {
            if (isRecoveryConflict(e)) {
                return work.apply(primary);
            }
            if (DatabaseUnavailable.isCause(e)) {
                replica.get().judge(false, "a read failed (" + e.getClass().getSimpleName() + "); until the next check");
                return work.apply(primary);
            }
            throw e;
        }
    }

    /**
     * Keeps where the primary's WAL stands now as {@code userUuid}'s latest write: call it after
     * their write committed and before they are answered.
     */
    public void recordWrite(UUID userUuid) {
        primary.useHandle(h -> new ReplicationDao(h).recordWrite(userUuid));
    }

    /** Each replica as its last check (or failed read) left it. */
    public List<ReplicaStatus> status() {
        return replicas.stream().map(r -> new ReplicaStatus(r.name, r.usable, r.state)).toList();
    }

    private Optional<Replica> choose(UUID readerUuid) {
        List<Replica> candidates = new ArrayList<>(replicas.size());
        for (Replica replica : replicas) {
            if (replica.usable) {
                candidates.add(replica);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (readerUuid != null) {
            Optional<Lsn> lastWrite = primary.withHandle(h -> new ReplicationDao(h).lastWrite(readerUuid));
            if (lastWrite.isPresent()) {
                candidates.removeIf(replica -> !replica.replayed.isAtLeast(lastWrite.get()));
                if (candidates.isEmpty()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size())));
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // The next check tries again; a scheduled task that threw would never run again.
            log.warn("Checking the read replicas failed: {}", e.toString());
        }
    }

    private void check() {
        long now = System.nanoTime();
        try {
            samples.addLast(new Sample(now, primary.withHandle(h -> new ReplicationDao(h).currentLsn())));
        } catch (RuntimeException e) {
            // The primary is not answering: the replicas are judged against what it said before.
        }
        long horizon = now - maxLag.toNanos();
        while (samples.size() >= 2 && secondOldest().nanos() <= horizon) {
            samples.removeFirst();
        }
        // The primary's position maxLag ago, or, when the samples are younger (just started),
        // the oldest one: stricter than the bound, never looser.
        Optional<Lsn> required = Optional.ofNullable(samples.peekFirst()).map(Sample::lsn);
        for (Replica replica : replicas) {
            checkOne(replica, required);
        }
    }

    private Sample secondOldest() {
        var iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }

    private void checkOne(Replica replica, Optional<Lsn> required) {
        Optional<Lsn> replayed;
        try {
            replayed = replica.checks.withHandle(h -> new ReplicationDao(h).replayedLsn());
        } catch (RuntimeException e) {
            replica.judge(false, "it does not answer (" + rootMessage(e) + ")");
            return;
        }
        if (replayed.isEmpty()) {
            replica.judge(false, "it is not replaying WAL: no replica (promoted, or a primary named in DATABASE_READ_URL)");
            return;
        }
        replica.replayed = replayed.get();
        if (required.isEmpty()) {
            replica.judge(false, "the primary's position is not known yet");
        } else if (!replayed.get().isAtLeast(required.get())) {
            replica.judge(false, "it lags more than " + maxLag.toMillis() + " ms (replayed " + replayed.get()
                    + ", primary was at " + required.get() + ")");
        } else {
            replica.judge(true, "replayed " + replayed.get() + ", within " + maxLag.toMillis() + " ms of the primary");
        }
    }

    private static boolean isRecoveryConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && RECOVERY_CONFLICT.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    @Override
    public void close() {
        checks.shutdownNow();
        try {
            checks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
