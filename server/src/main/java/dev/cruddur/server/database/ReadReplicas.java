package dev.cruddur.server.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.database.ConnectionPool;
import dev.cruddur.database.ConnectionPool.Workload;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.database.Jdbis;
import dev.cruddur.database.ReadReplica;
import dev.cruddur.database.Reads;
import dev.cruddur.database.ReplicaRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's read replicas ({@code DATABASE_READ_URL}): a pool of requests and a one-connection
 * pool of checks for each, and the {@link ReplicaRouting} over them. Without replicas every read
 * runs on the primary and nothing is opened. The pools connect when first used, so a replica
 * that is down when the server starts is simply not read from until it answers.
 * Migrations never run here: the replicas receive them from the primary.
 */
public final class ReadReplicas implements AutoCloseable {

    private final List<HikariDataSource> pools;
    private final Optional<ReplicaRouting> routing;
    private final Reads reads;

    private ReadReplicas(List<HikariDataSource> pools, Optional<ReplicaRouting> routing, Reads reads) {
        this.pools = pools;
        this.routing = routing;
        this.reads = reads;
    }

    /**
     * @param primary         the primary's reads, for when no replica will do
     * @param poolSize        of each replica's pool of requests, as the primary's
     * @param applicationName the primary pool's; the replicas' pools end in {@code -replica-<n>}
     * @param watch           told of each replica's pool of requests and its Jdbi (for their meters and spans)
     */
    public static ReadReplicas open(Jdbi primary, ReplicaSettings settings, int poolSize, String applicationName,
                                    BiConsumer<HikariDataSource, Jdbi> watch) {
        if (settings.isEmpty()) {
            return new ReadReplicas(List.of(), Optional.empty(), Reads.primaryOnly(primary));
        }
        List<HikariDataSource> pools = new ArrayList<>();
        List<ReadReplica> replicas = new ArrayList<>();
        try {
            int n = 0;
            for (DatabaseUrl url : settings.urls()) {
                n++;
                HikariDataSource requests = ConnectionPool.openWithoutWaiting(url, applicationName + "-replica-" + n,
                        poolSize, Workload.REQUESTS);
                pools.add(requests);
                HikariDataSource checks = ConnectionPool.openWithoutWaiting(url, applicationName + "-replica-" + n + "-check",
                        1, Workload.REQUESTS);
                pools.add(checks);
                Jdbi requestsJdbi = Jdbis.create(requests);
                watch.accept(requests, requestsJdbi);
                replicas.add(new ReadReplica(url.toString(), requestsJdbi, Jdbis.create(checks)));
            }
        } catch (RuntimeException e) {
            pools.forEach(HikariDataSource::close);
            throw e;
        }
        ReplicaRouting routing = new ReplicaRouting(primary, replicas, settings.maxLag(), ReplicaRouting.DEFAULT_CHECK_INTERVAL);
        return new ReadReplicas(pools, Optional.of(routing), routing);
    }

    /** Where a reader's reads go. */
    public Reads reads() {
        return reads;
    }

    /** Empty without replicas: then writes need no mark either. */
    public Optional<ReplicaRouting> routing() {
        return routing;
    }

    @Override
    public void close() {
        routing.ifPresent(ReplicaRouting::close);
        pools.forEach(HikariDataSource::close);
    }
}
