package dev.cruddur.server.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} on a listener of its own (the JDK's HTTP server, one thread): a scrape
 * every few seconds needs nothing of the API's machinery, and none of the API's limits
 * (admission, Host names, connections per address) should stand between a collector and it.
 * Anything but {@code GET /metrics} is a 404; a missing or wrong token a 401.
 */
final class MetricsEndpoint implements AutoCloseable {

    static final String PATH = "/metrics";
    /** Prometheus's text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static MetricsEndpoint start(MetricsSettings settings, PrometheusMeterRegistry registry) {
        Optional<byte[]> expected = settings.token().map(token -> ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve /metrics on " + settings.host() + ":" + settings.port()
                    + " (METRICS_HOST, METRICS_PORT): " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cruddur-metrics");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange, expected, registry);
            }
        });
        server.start();
        return new MetricsEndpoint(server, executor);
    }

    private static void answer(HttpExchange exchange, Optional<byte[]> expected, PrometheusMeterRegistry registry)
            throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        } else if (expected.isPresent() && !authorized(exchange, expected.get())) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            send(exchange, 401, "text/plain; charset=utf-8", "a bearer token (METRICS_TOKEN) is needed\n");
        } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
        } else {
            send(exchange, 200, CONTENT_TYPE, registry.scrape());
        }
    }

    /** Compared in constant time: how long a refusal takes says nothing of the token. */
    private static boolean authorized(HttpExchange exchange, byte[] expected) {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
