package dev.cruddur.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.server.TestServer;
import dev.cruddur.server.faults.RequestStream.Outcome;
import dev.cruddur.testing.TcpProxy;
import dev.cruddur.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away while requests flow, in its two shapes, and comes back: every request
 * meanwhile is answered a clean 503 within the server's own bounds, nothing piles up, and the
 * server recovers by itself, without a restart.
 */
class DatabaseOutageTest {

    private static final int POOL_SIZE = 4;
    /** Above the well-known and most registered ports. */
    private static final int LOWEST_PORT = 20_000;

    /** PostgreSQL itself stops (sessions terminated, 57P01; then connections refused) and starts again on the same data. */
    @Test
    void theDatabaseProcessStopsAndStartsAgain(@TempDir Path directory) throws Exception {
        int port = portNoOneElseIsGiven();
        Path data = directory.resolve("postgres");
        EmbeddedPostgres[] postgres = {startPostgres(data, port)};
        DatabaseUrl url = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:" + port + "/postgres");
        try (TestServer app = TestServer.withLocalIdentity(directory.resolve("server"))
                .onDatabase(url).poolSize(POOL_SIZE).start()) {
            Outage.Result result = Outage.play(app,
                    () -> postgres[0].close(),
                    () -> postgres[0] = startPostgres(data, port));
            assertOutage(result, app);
        } finally {
            postgres[0].close();
        }
    }

    /** The network between the server and PostgreSQL swallows every packet, then delivers again. */
    @Test
    void theNetworkToTheDatabaseStallsAndRecovers(@TempDir Path directory) throws Exception {
        try (TestDatabase database = TestDatabase.empty()) {
            String hostPort = database.url().jdbcUrl().replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
            String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
            int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
            try (TcpProxy proxy = new TcpProxy(host, port)) {
                DatabaseUrl url = new DatabaseUrl(database.url().jdbcUrl().replace(hostPort, "127.0.0.1:" + proxy.port()),
                        database.url().user(), database.url().password());
                try (TestServer app = TestServer.withLocalIdentity(directory)
                        .onDatabase(url).poolSize(POOL_SIZE).start()) {
                    Outage.Result result = Outage.play(app, proxy::blackHole, proxy::restore);
                    assertOutage(result, app);
                }
            }
        }
    }

    private static void assertOutage(Outage.Result result, TestServer app) throws InterruptedException {
        System.out.printf("outage figures (Java %d): %d answers during the outage, slowest %d ms; sweep %s; "
                        + "peak: %s; recovered in %d ms%n", Runtime.version().feature(), result.during().size(),
                result.during().stream().mapToLong(o -> o.took().toMillis()).max().orElse(-1),
                result.sweep().stream().map(o -> o.probe() + " " + o.took().toMillis() + " ms").toList(),
                result.peak(), result.recovery().toMillis());

        assertThat(result.before()).isNotEmpty().allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(200, 201));

        // Every kind of request met the outage, and each was refused cleanly within the bound.
        Set<String> kinds = result.sweep().stream().map(Outcome::probe).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder("home page 2", "user feed", "search", "show", "notifications",
                "post", "reply", "sign-in", "health");
        result.sweep().forEach(Outage::assertRefusedCleanly);
        assertThat(result.during()).isNotEmpty();
        result.during().forEach(Outage::assertRefusedCleanly);
        assertThat(result.cachedHomeDuring().status()).as(result.cachedHomeDuring().toString()).isEqualTo(503);
        result.all().forEach(Outage::assertNeverBroken);

        // Nothing piled up: the server never held more requests than the clients had sent at once
        // (the stream's and the sweep's), nor more connections than its pool.
        assertThat(result.peak().requestsInFlight()).isLessThanOrEqualTo(Outage.CLIENTS + Outage.PROBES);
        assertThat(result.peak().waiting()).isLessThanOrEqualTo(Outage.CLIENTS + Outage.PROBES);
        assertThat(result.peak().total()).isLessThanOrEqualTo(POOL_SIZE);

        assertThat(result.recovery()).isLessThanOrEqualTo(Outage.RECOVERY_BOUND.plus(Outage.RECOVERY_MARGIN));
        assertDrained(app);
    }

    /** Once the clients stop, nothing is left behind: no request, no borrowed connection, no waiter. */
    static void assertDrained(TestServer app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && (app.requestsInFlight() > 0 || app.pool().getActiveConnections() > 0
                || app.pool().getThreadsAwaitingConnection() > 0)) {
            Thread.sleep(20);
        }
        assertThat(app.requestsInFlight()).isZero();
        assertThat(app.pool().getActiveConnections()).isZero();
        assertThat(app.pool().getThreadsAwaitingConnection()).isZero();
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "off")
                .start();
    }

    /**
     * PostgreSQL is stopped and started again on the same port seconds later, so in between no
     * one else may take it. A port found by binding port 0 lies in the range the kernel hands to
     * every other server started on port 0 (every other test's, embedded PostgreSQL's own) and to
     * outgoing connections: one of them could take it meanwhile. A free port below that range is
     * given to no one who does not ask for it by number.
     */
    private static int portNoOneElseIsGiven() throws IOException {
        int firstEphemeral = firstEphemeralPort();
        Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = LOWEST_PORT + random.nextInt(firstEphemeral - LOWEST_PORT);
            try (ServerSocket free = new ServerSocket(port)) {
                return free.getLocalPort();
            } catch (IOException taken) {
                // taken: try another
            }
        }
        throw new IOException("no free port between " + LOWEST_PORT + " and " + firstEphemeral);
    }

    /** Where the range of ports that the kernel hands out begins (Linux's default when it cannot be read). */
    private static int firstEphemeralPort() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
            return Math.max(LOWEST_PORT + 1_000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }
}
