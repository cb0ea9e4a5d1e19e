package dev.cruddur.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.server.TestServer;
import dev.cruddur.server.faults.RequestStream.Outcome;
import dev.cruddur.server.faults.RequestStream.Probe;
import dev.cruddur.testkit.http.ApiClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Far more clients than the pool can serve, while every query is slow for real (the test holds
 * a lock on {@code activities}, so each one waits until PostgreSQL cancels it): the server turns
 * away what it cannot hold, answers every request a clean 503 within its bounds, holds no more
 * than its admission limit, and serves normally as soon as the load is gone.
 */
class OverloadTest {

    private static final int POOL_SIZE = 3;
    private static final int CLIENTS = 200;
    /**
     * An admitted read waits for a connection (2 s at most), then its statement for the lock
     * until PostgreSQL cancels it (1.5 s): both bounds are ours (ConnectionPool). A post asks for
     * a connection twice (its author, then the insert), so it may wait twice.
     */
    private static final Duration READ_BOUND = Duration.ofMillis(2000 + 1500);
    private static final Duration POST_BOUND = Duration.ofMillis(2 * 2000 + 1500);
    private static final Duration MARGIN = Duration.ofSeconds(2);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void farMoreClientsThanThePoolCanServeAreTurnedAwayCleanly(@TempDir Path directory) throws Exception {
        // The 200 clients stand for 200 machines; here they share one address, which the
        // per-address connection limit (100 by default) would otherwise cut in half.
        try (TestServer app = TestServer.withLocalIdentity(directory).poolSize(POOL_SIZE)
                .environment("CRUDDUR_CONNECTIONS_PER_ADDRESS", String.valueOf(CLIENTS + 10)).start()) {
            ApiClient api = app.client();
            String handle = "overload" + System.nanoTime() % 100_000;
            String token = app.accounts().create(handle + "@example.com", "Fault " + handle, handle);
            assertThat(app.admissionLimit()).isEqualTo(4 * POOL_SIZE);
            String before = memory();

            String during;
            Outage.PoolPeak peak;
            List<Outcome> outcomes;
            try (Connection locker = app.database().dataSource().getConnection()) {
                locker.setAutoCommit(false);
                try (Statement statement = locker.createStatement()) {
                    statement.execute("LOCK TABLE activities IN ACCESS EXCLUSIVE MODE");
                }
                try (Outage.PeakSampler sampler = new Outage.PeakSampler(app);
                     RequestStream stream = new RequestStream(CLIENTS, probes(api, handle, token))) {
                    sampler.startCounting();
                    Thread.sleep(2000);
                    // Not counted by the admission limit: the web app's files, and the health
                    // check, which reports on the database (up, only slow), not on the load.
                    ApiClient.Response page = api.get("/");
                    assertThat(page.status()).as(page.body()).isEqualTo(200);
                    ApiClient.Response health = api.get("/api/health-check");
                    assertThat(health.body()).doesNotContain("server_busy").contains("\"database\"");
                    Thread.sleep(2000);
                    during = memory();
                    peak = sampler.peak();
                    stream.close();
                    outcomes = stream.all();
                }
                locker.rollback();
            }

            DatabaseOutageTest.assertDrained(app);
            // Normal service right away.
            assertThat(api.get("/api/activities/@" + handle).status()).isEqualTo(200);
            assertThat(api.postJson("/api/activities", "{\"message\":\"after the load\",\"ttl\":\"1-day\"}",
                    token).status()).isEqualTo(201);
            String after = memory();

            Map<String, Long> codes = outcomes.stream().collect(Collectors.groupingBy(OverloadTest::code,
                    Collectors.counting()));
            System.out.printf("overload figures (Java %d): %d answers %s, slowest %d ms; peak %s; memory before %s,"
                            + " during %s, after %s%n", Runtime.version().feature(), outcomes.size(), codes,
                    outcomes.stream().mapToLong(o -> o.took().toMillis()).max().orElse(-1), peak, before, during, after);

            outcomes.forEach(OverloadTest::assertTurnedAwayCleanly);
            // Both refusals happened: at the door when the limit was reached, and by the database's bounds.
            assertThat(codes).containsKeys("server_busy", "database_unavailable");
            // The server held at most its limit, and only admitted requests ever waited for a connection.
            assertThat(peak.requestsInFlight()).isLessThanOrEqualTo(app.admissionLimit());
            assertThat(peak.waiting()).isLessThanOrEqualTo(app.admissionLimit());
            assertThat(peak.total()).isLessThanOrEqualTo(POOL_SIZE);
        }
    }

    private static List<Probe> probes(ApiClient api, String handle, String token) {
        AtomicInteger sequence = new AtomicInteger();
        return List.of(
                new Probe("home page 2", () -> api.request("/api/activities/home?limit=5").GET().build()),
                new Probe("user feed", () -> api.request("/api/activities/@" + handle).GET().build()),
                new Probe("search", () -> api.request("/api/activities/search?term=load").GET().build()),
                new Probe("post", () -> api.jsonPost("/api/activities",
                        "{\"message\":\"load " + sequence.incrementAndGet() + "\",\"ttl\":\"1-day\"}", token)));
    }

    private static void assertTurnedAwayCleanly(Outcome outcome) {
        String why = outcome.toString();
        assertThat(outcome.status()).as(why).isEqualTo(503);
        Duration bound = outcome.probe().equals("post") ? POST_BOUND : READ_BOUND;
        assertThat(outcome.took()).as(why).isLessThanOrEqualTo(bound.plus(MARGIN));
        assertThat(outcome.retryAfter()).as(why).isNotNull();
        assertThat(code(outcome)).as(why).isIn("server_busy", "database_unavailable");
        assertThat(outcome.body()).as(why).doesNotContain("Exception").doesNotContain("SQL");
    }

    private static String code(Outcome outcome) {
        try {
            return MAPPER.readTree(outcome.body()).path("error").asText("status " + outcome.status());
        } catch (Exception e) {
            return "not JSON (" + outcome.status() + ")";
        }
    }

    /** The heap still in use after a collection, and the process's resident set (server and clients share this JVM). */
    private static String memory() throws Exception {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?").substring(6).strip();
        return "heap " + heap / (1024 * 1024) + " MiB, RSS " + rss;
    }
}
