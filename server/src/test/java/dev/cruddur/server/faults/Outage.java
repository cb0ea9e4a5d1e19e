package dev.cruddur.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cruddur.server.TestServer;
import dev.cruddur.server.faults.RequestStream.Outcome;
import dev.cruddur.server.faults.RequestStream.Probe;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

/**
 * One database outage played against a running server, whatever its shape: requests of every
 * kind flow, the database goes away ({@code fail}), comes back ({@code restore}), and what the
 * clients saw and what the server held meanwhile is recorded for the assertions.
 */
final class Outage {

    /** Ours: the pool's connection timeout and the API pool's socket timeout (ConnectionPool). */
    static final Duration API_BOUND = Duration.ofSeconds(2);
    /** The health check may wait one more second on the connection it got (HealthRoutes). */
    static final Duration HEALTH_BOUND = Duration.ofSeconds(3);
    /** These machines are shared and noisy. */
    static final Duration MARGIN = Duration.ofSeconds(2);
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(5);
    static final Duration RECOVERY_MARGIN = Duration.ofSeconds(3);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    interface Step {
        void run() throws Exception;
    }

    /** What happened, for the assertions. */
    record Result(List<Outcome> before, List<Outcome> during, List<Outcome> sweep, List<Outcome> all, PoolPeak peak,
                  Outcome cachedHomeDuring, Duration recovery) {
    }

    /** The most the server held at once while the database was away. */
    record PoolPeak(int active, int waiting, int total, int requestsInFlight, int platformThreads) {
    }

    static final int CLIENTS = 6;
    /** How many kinds of request there are (and so how many the sweep sends at once). */
    static final int PROBES = 9;

    private Outage() {
    }

    static Result play(TestServer app, Step fail, Step restore) throws Exception {
        ApiClient api = app.client();
        AccountClient accounts = app.accounts();
        String handle = "outage" + System.nanoTime() % 100_000;
        String email = handle + "@example.com";
        String token = accounts.create(email, "Fault " + handle, handle);
        String crud = api.postCrud(token, "before the outage", "7-days");
        List<Probe> probes = probes(api, handle, token, () -> accounts.signInRequest(email), crud);

        try (RequestStream stream = new RequestStream(CLIENTS, probes); PeakSampler sampler = new PeakSampler(app)) {
            Thread.sleep(1000);
            long failing = System.nanoTime();
            fail.run();
            long failed = System.nanoTime();
            sampler.startCounting();
            // Every kind of request at once, besides the stream, so that each surely meets the outage.
            List<Outcome> sweep = sweep(probes);
            // The outage lasts well beyond every bound plus its margin: a request that hung on it
            // (a query on a connection that stalled) is not released early by the recovery.
            long outageSoFar = System.nanoTime() - failed;
            Thread.sleep(Math.max(0, HEALTH_BOUND.plus(MARGIN).plusSeconds(2).toMillis() - outageSoFar / 1_000_000));
            // The anonymous home page is kept a second (HomeFeedCache): by now it is gone too.
            Outcome cachedHome = RequestStream.send(new Probe("cached home during",
                    () -> api.request("/api/activities/home").GET().build()));
            PoolPeak peak = sampler.peak();
            long restoring = System.nanoTime();
            restore.run();
            long restored = System.nanoTime();
            Duration recovery = firstSuccess(api, restored);
            // Service is normal again: a new post goes through.
            assertThat(api.postJson("/api/activities", "{\"message\":\"after the outage\",\"ttl\":\"1-day\"}",
                    token).status()).isEqualTo(201);
            Thread.sleep(500);
            stream.close();
            return new Result(stream.answeredBefore(failing), stream.within(failed, restoring), sweep, stream.all(),
                    peak, cachedHome, recovery);
        }
    }

    /** Every route that needs the database, reads and writes, and the identity provider's sign-in. */
    private static List<Probe> probes(ApiClient api, String handle, String accessToken,
                                      Supplier<HttpRequest> signIn, String crud) {
        String bearer = "Bearer " + accessToken;
        AtomicInteger sequence = new AtomicInteger();
        return List.of(
                new Probe("home page 2", () -> api.request("/api/activities/home?limit=5").GET().build()),
                new Probe("user feed", () -> api.request("/api/activities/@" + handle).GET().build()),
                new Probe("search", () -> api.request("/api/activities/search?term=outage").GET().build()),
                new Probe("show", () -> api.request("/api/activities/" + crud).GET().build()),
                new Probe("notifications", () -> api.request("/api/activities/notifications")
                        .header("Authorization", bearer).GET().build()),
                new Probe("post", () -> api.jsonPost("/api/activities",
                        "{\"message\":\"crud " + sequence.incrementAndGet() + "\",\"ttl\":\"1-day\"}", accessToken)),
                new Probe("reply", () -> api.jsonPost("/api/activities/" + crud + "/reply",
                        "{\"message\":\"reply " + sequence.incrementAndGet() + "\"}", accessToken)),
                new Probe("sign-in", signIn),
                new Probe("health", () -> api.request("/api/health-check").GET().build()));
    }

    private static List<Outcome> sweep(List<Probe> probes) throws InterruptedException {
        List<Outcome> outcomes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Thread> senders = probes.stream()
                .map(probe -> new Thread(() -> outcomes.add(RequestStream.send(probe))))
                .toList();
        senders.forEach(Thread::start);
        for (Thread sender : senders) {
            sender.join();
        }
        return outcomes;
    }

    /** Polls a read that needs the database until it answers 200. */
    private static Duration firstSuccess(ApiClient api, long sinceNanos) throws InterruptedException {
        long deadline = sinceNanos + (RECOVERY_BOUND.plus(RECOVERY_MARGIN).plusSeconds(5)).toNanos();
        while (System.nanoTime() < deadline) {
            if (api.get("/api/activities/home?limit=1").status() == 200) {
                return Duration.ofNanos(System.nanoTime() - sinceNanos);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not recover within " + Duration.ofNanos(deadline - sinceNanos));
    }

    /** Asserts what every answer sent while the database was away must be. */
    static void assertRefusedCleanly(Outcome outcome) {
        String why = outcome.toString();
        assertThat(outcome.status()).as(why).isEqualTo(503);
        Duration bound = outcome.probe().startsWith("health") ? HEALTH_BOUND : API_BOUND;
        assertThat(outcome.took()).as(why).isLessThanOrEqualTo(bound.plus(MARGIN));
        assertThat(outcome.contentType()).as(why).contains("json");
        assertNoInternals(outcome);
        JsonNode body = parse(outcome);
        switch (outcome.probe()) {
            case "health" -> assertThat(body.path("database").asText()).as(why).isEqualTo("down");
            case "sign-in" -> {
                assertThat(body.path("__type").asText()).as(why).isEqualTo("ServiceUnavailable");
                assertThat(outcome.retryAfter()).as(why).isNotNull();
            }
            default -> {
                assertThat(body.path("error").asText()).as(why).isEqualTo("database_unavailable");
                assertThat(outcome.retryAfter()).as(why).isNotNull();
            }
        }
    }

    /** Any answer at all: a success or a clean 503, never a 500, a hang or a trace of the internals. */
    static void assertNeverBroken(Outcome outcome) {
        String why = outcome.toString();
        assertThat(outcome.status()).as(why).isIn(200, 201, 503);
        assertThat(outcome.took()).as(why).isLessThanOrEqualTo(HEALTH_BOUND.plus(MARGIN));
        assertNoInternals(outcome);
    }

    private static void assertNoInternals(Outcome outcome) {
        assertThat(outcome.body()).as(outcome.toString())
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.postgresql")
                .doesNotContain("jdbc:").doesNotContain("SQLState").doesNotContain("Hikari");
    }

    private static JsonNode parse(Outcome outcome) {
        try {
            return MAPPER.readTree(outcome.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + outcome, e);
        }
    }

    /** Once counting, samples the server's pool and request count every few milliseconds, keeping the peaks. */
    static final class PeakSampler implements AutoCloseable {

        private final TestServer app;
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        /** The peaks in the order of {@link PoolPeak}'s fields. */
        private final AtomicIntegerArray peaks = new AtomicIntegerArray(5);

        PeakSampler(TestServer app) {
            this.app = app;
        }

        void startCounting() {
            HikariPoolMXBean pool = app.pool();
            sampler.scheduleWithFixedDelay(() -> {
                int[] now = {pool.getActiveConnections(), pool.getThreadsAwaitingConnection(), pool.getTotalConnections(),
                        app.requestsInFlight(), ManagementFactory.getThreadMXBean().getThreadCount()};
                for (int i = 0; i < now.length; i++) {
                    peaks.accumulateAndGet(i, now[i], Math::max);
                }
            }, 0, 5, TimeUnit.MILLISECONDS);
        }

        PoolPeak peak() {
            return new PoolPeak(peaks.get(0), peaks.get(1), peaks.get(2), peaks.get(3), peaks.get(4));
        }

        @Override
        public void close() throws InterruptedException {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
