package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.database.ConnectionPool.Workload;
import dev.cruddur.database.ReplicaRouting.ReplicaStatus;
import dev.cruddur.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * What is never read from: a server named as a replica that is not replaying WAL (a primary,
 * or a promoted replica, which no longer follows this primary) and one that does not answer.
 * Reads then run on the primary. (Real replicas: {@code ReadReplicasApiTest} in the server.)
 */
class ReplicaRoutingTest {

    private static final Duration CHECKS = Duration.ofMillis(200);

    @Test
    void aServerThatIsNotReplayingWalIsNeverReadFrom() {
        try (TestDatabase db = TestDatabase.migrated();
             HikariDataSource requests = pool(db.url());
             HikariDataSource checks = pool(db.url());
             ReplicaRouting routing = new ReplicaRouting(db.jdbi(),
                     List.of(new ReadReplica("not-a-replica", Jdbis.create(requests), Jdbis.create(checks))), Duration.ofSeconds(2), CHECKS)) {
            ReplicaStatus status = checked(routing);
            assertThat(status.usable()).isFalse();
            assertThat(status.state()).contains("not replaying WAL");
            Jdbi primary = db.jdbi();
            boolean anonymous = routing.read(null, jdbi -> jdbi == primary);
            boolean signedIn = routing.read(UUID.randomUUID(), jdbi -> jdbi == primary);
            assertThat(anonymous).as("anonymous read on the primary").isTrue();
            assertThat(signedIn).as("signed-in read on the primary").isTrue();
        }
    }

    @Test
    void aReplicaThatDoesNotAnswerIsSkipped() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseUrl nowhere = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:" + closedPort + "/cruddur");
        try (TestDatabase db = TestDatabase.migrated();
             HikariDataSource requests = pool(nowhere);
             HikariDataSource checks = pool(nowhere);
             ReplicaRouting routing = new ReplicaRouting(db.jdbi(),
                     List.of(new ReadReplica("nowhere", Jdbis.create(requests), Jdbis.create(checks))), Duration.ofSeconds(2), CHECKS)) {
            ReplicaStatus status = checked(routing);
            assertThat(status.usable()).isFalse();
            assertThat(status.state()).contains("does not answer");
            Jdbi primary = db.jdbi();
            boolean onPrimary = routing.read(null, jdbi -> jdbi == primary);
            assertThat(onPrimary).isTrue();
        }
    }

    private static HikariDataSource pool(DatabaseUrl url) {
        return ConnectionPool.openWithoutWaiting(url, "replica-routing-test", 1, Workload.REQUESTS);
    }

    /** The replica's status once its first check is done. */
    private static ReplicaStatus checked(ReplicaRouting routing) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            ReplicaStatus status = routing.status().get(0);
            if (!status.state().equals("not checked yet")) {
                return status;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("never checked");
    }
}
