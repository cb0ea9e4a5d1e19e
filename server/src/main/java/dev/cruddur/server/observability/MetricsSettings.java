package dev.cruddur.server.observability;

import dev.cruddur.server.http.AllowedHosts;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code /metrics} is served: on a port of its own ({@code METRICS_PORT}), apart from the
 * API, so that neither the load balancer nor the internet reaches it by accident. It listens on
 * loopback unless {@code METRICS_HOST} says otherwise (an ECS task's collector sidecar shares
 * the task's loopback), and a host other machines can reach must be given a bearer token
 * ({@code METRICS_TOKEN}) too.
 *
 * @param port  0 picks a free port (tests)
 * @param token when present, a scrape must send {@code Authorization: Bearer <token>}
 */
public record MetricsSettings(String host, int port, Optional<String> token) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** A token shorter than this is guessable by a scraper's neighbour. */
    static final int SHORTEST_TOKEN = 16;

    public MetricsSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("METRICS_PORT must be between 0 and 65535, not " + port);
        }
        if (token.isPresent() && (token.get().length() < SHORTEST_TOKEN || !token.get().chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("METRICS_TOKEN must be at least " + SHORTEST_TOKEN
                    + " printable characters without spaces");
        }
        if (token.isEmpty() && !AllowedHosts.isLoopback(host)) {
            throw new IllegalArgumentException("METRICS_HOST=" + host + " lets other machines read /metrics: set METRICS_TOKEN"
                    + " too (a scraper then sends Authorization: Bearer <token>), or leave METRICS_HOST unset (loopback)");
        }
    }

    /** Empty when {@code METRICS_PORT} is unset: no endpoint, and nothing is counted. */
    public static Optional<MetricsSettings> fromEnvironment(Map<String, String> env) {
        String port = blankToNull(env.get("METRICS_PORT"));
        if (port == null) {
            if (blankToNull(env.get("METRICS_HOST")) != null || blankToNull(env.get("METRICS_TOKEN")) != null) {
                throw new IllegalArgumentException("METRICS_HOST and METRICS_TOKEN need METRICS_PORT, the port /metrics is served on");
            }
            return Optional.empty();
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("METRICS_PORT must be a whole number, not '" + port + "'");
        }
        String host = Optional.ofNullable(blankToNull(env.get("METRICS_HOST"))).orElse(DEFAULT_HOST);
        return Optional.of(new MetricsSettings(host, number, Optional.ofNullable(blankToNull(env.get("METRICS_TOKEN")))));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Never the token: settings end up in logs and error messages. */
    @Override
    public String toString() {
        return "MetricsSettings[host=" + host + ", port=" + port + ", token=" + (token.isPresent() ? "(set)" : "(none)") + "]";
    }
}
