package dev.cruddur.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.cli.cluster.ClusterLoad.Exchange;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment's shape on this machine ({@code bench/cluster.sh}): a PostgreSQL primary and a
 * streaming replica, three instances started as the container image starts them, HAProxy in
 * front checking their health. Under posts and reads through the balancer, one instance is
 * killed with SIGKILL, one stopped with SIGTERM, and the replica stopped and started again. No
 * acknowledged post may be lost, no request may get a 5xx unless it was in flight on the killed
 * instance, and every writer must read its own post on its next read.
 */
class ClusterIT {

    private static final int WRITERS = 4;
    private static final int READERS = 2;
    /** Ports of the test's own, beside the script's defaults (a cluster an operator runs by hand). */
    private static final int BALANCER_PORT = 4690;
    private static final int POSTGRES_PORT = 5491;

    private static Cluster cluster;

    @BeforeAll
    static void up() {
        cluster = new Cluster(Path.of("/tmp/cruddur-cluster-it-" + ProcessHandle.current().pid()), BALANCER_PORT,
                POSTGRES_PORT);
        cluster.up();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    void theInstancesRunTheImagesCommandAndPassItsHealthCheck() {
        for (int n = 1; n <= 3; n++) {
            List<String> arguments = List.of(cluster.instance(n).info().arguments().orElseThrow());
            assertThat(arguments).as("instance %d's command line", n)
                    .containsExactly("-jar", Path.of("target/cruddur.jar").toAbsolutePath().toString(), "serve");
            assertThat(cluster.status("healthcheck", Integer.toString(n))).as("the Dockerfile's HEALTHCHECK on %d", n)
                    .isZero();
        }
    }

    /**
     * Search, as feeds and profiles, reads from the replica: its statement runs there, as
     * pg_stat_statements counts on each server. A few may run on the primary, while a routing
     * check under load finds the replica behind; every one runs somewhere.
     */
    @Test
    void readsThroughTheBalancerAreServedByTheReplica() throws Exception {
        int reads = 200;
        ApiClient api = new ApiClient(cluster.balancerPort());
        try (Connection primary = cluster.primary(); Connection replica = cluster.replica()) {
            long onPrimary = searches(primary);
            long onReplica = searches(replica);
            for (int i = 0; i < reads; i++) {
                assertThat(api.get("/api/activities/search?term=replica" + i).status()).isEqualTo(200);
            }
            onPrimary = searches(primary) - onPrimary;
            onReplica = searches(replica) - onReplica;
            System.out.printf("%nClusterIT: of %d searches, %d ran on the replica, %d on the primary%n", reads, onReplica,
                    onPrimary);
            assertThat(onPrimary + onReplica).as("searches run").isEqualTo(reads);
            assertThat(onReplica).as("searches run on the replica").isGreaterThanOrEqualTo(reads * 9L / 10);
        }
    }

    /** Runs of the word search's statement (search.sql, the one that calls texticregexeq) on this server. */
    private static long searches(Connection sql) throws SQLException {
        return Long.parseLong(text(sql, """
                SELECT coalesce(sum(calls), 0)::text FROM pg_stat_statements
                WHERE query LIKE '%texticregexeq%' AND query NOT LIKE '%pg_stat_statements%'"""));
    }

    @Test
    void killedStoppedAndRestartedPartsLoseNoAcknowledgedWriteAndNoWriterMissesItsOwnPost() throws Exception {
        AccountClient accounts = new AccountClient(new ApiClient(cluster.balancerPort()), cluster.confirmationCodes());
        Map<String, String> writers = new LinkedHashMap<>();
        for (int i = 1; i <= WRITERS; i++) {
            String handle = "writer_" + i;
            writers.put(handle, accounts.create(handle + "@example.com", "Writer " + i, handle));
        }

        ClusterLoad load = new ClusterLoad(cluster.balancerPort(), writers, READERS);
        long loadStarted = System.nanoTime();
        pause(8);

        long killFrom = System.nanoTime();
        cluster.run("kill", "1");
        long killTo = System.nanoTime();
        CompletableFuture<String> restartOne = CompletableFuture.supplyAsync(() -> cluster.run("start", "1"));
        pause(10);

        long stopFrom = System.nanoTime();
        cluster.run("stop", "2");
        long stopTo = System.nanoTime();
        assertThat(cluster.status("healthcheck", "2")).as("the HEALTHCHECK of a stopped instance").isNotZero();
        CompletableFuture<String> restartTwo = CompletableFuture.supplyAsync(() -> cluster.run("start", "2"));
        pause(5);

        long replicaStopped = System.nanoTime();
        cluster.run("replica", "stop");
        pause(10);
        cluster.run("replica", "start");
        long replicaStarted = System.nanoTime();

        restartOne.get(3, TimeUnit.MINUTES);
        restartTwo.get(3, TimeUnit.MINUTES);
        awaitBalancerSeesAllUp();
        long allBack = System.nanoTime();
        pause(6);
        load.stop();
        long loadStopped = System.nanoTime();

        List<Exchange> exchanges = load.exchanges();
        List<Exchange> killed = exchanges.stream().filter(e -> e.serverError() && e.overlaps(killFrom, killTo)).toList();
        List<Exchange> otherErrors = exchanges.stream().filter(e -> e.serverError() && !e.overlaps(killFrom, killTo))
                .toList();
        Set<String> acknowledged = load.acknowledged();
        double seconds = (loadStopped - loadStarted) / 1e9;
        System.out.printf("%nClusterIT: %d requests in %.0f s (%.0f/s), %d posts acknowledged, %d writer reads checked;"
                        + " 5xx or no answer: %d in flight at the SIGKILL, %d otherwise%n",
                exchanges.size(), seconds, exchanges.size() / seconds, acknowledged.size(),
                load.readsChecked().values().stream().mapToInt(Integer::intValue).sum(), killed.size(), otherErrors.size());

        assertThat(otherErrors).as("5xx or no answer, other than requests in flight on the killed instance")
                .extracting(e -> e.what() + " " + e.status() + " " + e.detail()).isEmpty();
        assertThat(load.staleReads()).as("writers' reads that missed the post just acknowledged").isEmpty();
        assertThat(load.readsChecked().keySet()).as("writers whose reads were checked").hasSize(WRITERS);
        // The service went on through every step: writes acknowledged after each of them.
        for (long moment : List.of(killTo, stopTo, replicaStopped, replicaStarted, allBack)) {
            assertThat(exchanges).as("posts acknowledged after step at %.1f s", (moment - loadStarted) / 1e9)
                    .anyMatch(e -> e.started() > moment && e.status() == 201);
        }
        assertThat(exchanges).as("requests during the replica's stop")
                .anyMatch(e -> e.started() > replicaStopped + Duration.ofSeconds(1).toNanos()
                        && e.ended() < replicaStarted && e.status() == 200);

        try (Connection primary = cluster.primary()) {
            assertThat(stored(primary, acknowledged)).as("acknowledged posts in the primary").isEqualTo(acknowledged);
        }
        // The restarted replica caught up by itself: it streams from the primary again.
        try (Connection replica = cluster.replica()) {
            awaitReplayed(replica);
            assertThat(stored(replica, acknowledged)).as("acknowledged posts on the restarted replica").isEqualTo(acknowledged);
        }
    }

    private static void awaitBalancerSeesAllUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = cluster.run("status");
            if (status.lines().filter(line -> line.contains("balancer: i") && line.endsWith(" UP")).count() == 3) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the balancer does not see all three instances up:\n" + status);
    }

    private static void awaitReplayed(Connection replica) throws SQLException, InterruptedException {
        String target;
        try (Connection primary = cluster.primary()) {
            target = text(primary, "SELECT pg_current_wal_lsn()::text");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"true".equals(text(replica, "SELECT (pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn)::text"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the replica has not replayed the primary's WAL up to " + target);
            }
            Thread.sleep(100);
        }
    }

    private static Set<String> stored(Connection sql, Set<String> uuids) throws SQLException {
        try (PreparedStatement query = sql.prepareStatement("SELECT uuid::text FROM activities WHERE uuid = ANY (?::uuid[])")) {
            Array array = sql.createArrayOf("text", uuids.toArray());
            query.setArray(1, array);
            Set<String> found = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }

    private static String text(Connection sql, String query) throws SQLException {
        try (PreparedStatement statement = sql.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void pause(int seconds) throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
    }
}
