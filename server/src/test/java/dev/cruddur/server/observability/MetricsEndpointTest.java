package dev.cruddur.server.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.server.TestServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} scraped over HTTP from a real server, as Prometheus (or a collector) does. */
class MetricsEndpointTest {

    private static final String REQUESTS = "http_server_requests_seconds_count";
    private static final String TOKEN = "scrape-token-0123456789";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDirectory;

    @Test
    void countsRequestsByRouteTemplateAndTheCachePoolAndJvm() throws Exception {
        try (TestServer server = TestServer.withLocalIdentity(dataDirectory).environment("METRICS_PORT", "0").start()) {
            int port = server.metricsPort().orElseThrow();
            String token = server.accounts().create("ada@example.com", "Ada", "ada");
            String crud = server.client().postCrud(token, "counted", "1-day");
            PrometheusText before = scrape(port, Optional.empty());

            for (int i = 0; i < 3; i++) {
                assertThat(server.client().get("/api/activities/home").status()).isEqualTo(200);
            }
            assertThat(server.client().get("/api/activities/" + crud).status()).isEqualTo(200);
            assertThat(server.client().get("/api/activities/00000000-0000-4000-8000-000000000000").status()).isEqualTo(404);
            assertThat(server.client().get("/no/such/page/x1y2z3").status()).isEqualTo(404);
            PrometheusText after = scrape(port, Optional.empty());

            Map<String, String> home = Map.of("method", "GET", "route", "/api/activities/home", "status", "200");
            assertThat(after.value(REQUESTS, home) - before.value(REQUESTS, home)).isEqualTo(3);
            // Two different ids, one series each for 200 and 404, named by the template.
            assertThat(after.value(REQUESTS, Map.of("route", "/api/activities/{uuid}", "status", "200"))).isEqualTo(1);
            assertThat(after.value(REQUESTS, Map.of("route", "/api/activities/{uuid}", "status", "404"))).isEqualTo(1);
            assertThat(after.value(REQUESTS, Map.of("route", "unmatched", "status", "404"))).isGreaterThanOrEqualTo(1);
            assertThat(after.samples()).noneMatch(s -> s.labels().values().stream()
                    .anyMatch(v -> v.contains(crud) || v.contains("x1y2z3")));
            // A latency histogram: cumulative buckets up to +Inf, which holds every request.
            Map<String, String> homeInf = new java.util.HashMap<>(home);
            homeInf.put("le", "+Inf");
            assertThat(after.value("http_server_requests_seconds_bucket", homeInf)).isEqualTo(after.value(REQUESTS, home));
            assertThat(after.find("http_server_requests_seconds_bucket", home)).hasSizeGreaterThan(5);

            // The three reads of the anonymous first page: at least one loaded it, the rest came from memory.
            double hits = after.value("cruddur_home_cache_requests_total", Map.of("result", "hit"))
                    - before.value("cruddur_home_cache_requests_total", Map.of("result", "hit"));
            double misses = after.value("cruddur_home_cache_requests_total", Map.of("result", "miss"))
                    - before.value("cruddur_home_cache_requests_total", Map.of("result", "miss"));
            assertThat(hits + misses).isEqualTo(3);
            assertThat(misses).isGreaterThanOrEqualTo(1);

            assertThat(after.find("hikaricp_connections_max", Map.of("pool", "cruddur-server"))).hasSize(1);
            assertThat(after.value("hikaricp_connections_acquire_seconds_count", Map.of("pool", "cruddur-server")))
                    .isGreaterThan(before.value("hikaricp_connections_acquire_seconds_count", Map.of("pool", "cruddur-server")));
            assertThat(after.find("jvm_memory_used_bytes", Map.of("area", "heap"))).isNotEmpty();
            assertThat(after.has("jvm_threads_live_threads")).isTrue();
            assertThat(after.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
        }
    }

    @Test
    void isNotServedOnTheApiPortAndListensOnLoopbackOnly() throws Exception {
        try (TestServer server = TestServer.withLocalIdentity(dataDirectory).environment("METRICS_PORT", "0").start()) {
            int port = server.metricsPort().orElseThrow();
            assertThat(server.client().get("/metrics").status()).isEqualTo(404);
            assertThat(server.client().get("/metrics").body()).doesNotContain("jvm_");
            Optional<InetAddress> outside = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> !address.isLoopbackAddress() && address instanceof java.net.Inet4Address)
                    .findFirst();
            if (outside.isPresent()) {
                // The machine's own non-loopback address: what another machine would connect to.
                assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(
                        URI.create("http://" + outside.get().getHostAddress() + ":" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void aTokenIsRequiredWhenOneIsSet() throws Exception {
        try (TestServer server = TestServer.withLocalIdentity(dataDirectory).environment("METRICS_PORT", "0")
                .environment("METRICS_TOKEN", TOKEN).start()) {
            int port = server.metricsPort().orElseThrow();
            HttpResponse<String> none = get(port, "/metrics", Optional.empty());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).doesNotContain("jvm_");
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(get(port, "/metrics", Optional.of("Bearer " + TOKEN + "x")).statusCode()).isEqualTo(401);
            assertThat(get(port, "/metrics", Optional.of(TOKEN)).statusCode()).isEqualTo(401);
            assertThat(get(port, "/other", Optional.of("Bearer " + TOKEN)).statusCode()).isEqualTo(404);
            assertThat(scrape(port, Optional.of(TOKEN)).has("jvm_threads_live_threads")).isTrue();
        }
    }

    @Test
    void countsThePurgesRunsAndDeletedRows() throws Exception {
        try (TestServer server = TestServer.withLocalIdentity(dataDirectory).environment("METRICS_PORT", "0")
                .purgeEvery(Duration.ofMillis(100)).start()) {
            int port = server.metricsPort().orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (server.purge().runs() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            PrometheusText scraped = scrape(port, Optional.empty());
            assertThat(scraped.value("cruddur_purge_runs_total", Map.of())).isGreaterThanOrEqualTo(2);
            assertThat(scraped.has("cruddur_purge_deleted_rows_total")).isTrue();
            assertThat(scraped.has("cruddur_purge_skips_total")).isTrue();
        }
    }

    @Test
    void aHostOtherMachinesReachNeedsAToken() {
        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(Map.of("METRICS_PORT", "9464", "METRICS_HOST", "0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("METRICS_TOKEN");
        assertThat(MetricsSettings.fromEnvironment(Map.of("METRICS_PORT", "9464", "METRICS_HOST", "0.0.0.0",
                "METRICS_TOKEN", TOKEN))).isPresent();
        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(Map.of("METRICS_PORT", "9464", "METRICS_TOKEN", "short")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(Map.of("METRICS_TOKEN", TOKEN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("METRICS_PORT");
        assertThat(MetricsSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(MetricsSettings.fromEnvironment(Map.of("METRICS_PORT", "9464", "METRICS_TOKEN", TOKEN)).orElseThrow()
                .toString()).doesNotContain(TOKEN);
    }

    private PrometheusText scrape(int port, Optional<String> token) throws IOException, InterruptedException {
        HttpResponse<String> response = get(port, "/metrics", token.map(t -> "Bearer " + t));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return PrometheusText.parse(response.body());
    }

    private HttpResponse<String> get(int port, String path, Optional<String> authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
