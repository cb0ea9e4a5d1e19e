package dev.cruddur.server;

import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.server.auth.CognitoSettings;
import dev.cruddur.server.database.ReplicaSettings;
import dev.cruddur.server.http.TrustedProxies;
import dev.cruddur.server.observability.ObservabilitySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the server is configured with, read from the environment (as in the README's table);
 * a {@code cruddur serve} flag overrides its variable before the environment is read.
 *
 * @param databaseUrl  empty: run the embedded PostgreSQL in {@code dataDirectory}
 * @param cognito      empty: no Cognito pool is configured, so the server runs its development identity provider
 * @param frontendUrl  the one origin allowed to call the API from a browser (CORS)
 * @param localTokenLifetime how long the development identity provider's access and ID tokens
 *                     last; Cognito's one hour unless a test shortens it to watch the web app
 *                     refresh them; not read from the environment
 * @param listening    where to listen, which {@code Host} names to answer, how many connections per client address
 * @param purgeInterval how often the server deletes expired cruds ({@code CRUDDUR_PURGE_INTERVAL});
 *                     empty: never, an operator runs {@code cruddur db purge-expired} instead
 * @param readReplicas where reads may go besides the primary ({@code DATABASE_READ_URL})
 * @param observability /metrics and traces ({@code METRICS_*}, {@code OTEL_*})
 */
public record ServerSettings(
        int port,
        Optional<DatabaseUrl> databaseUrl,
        Path dataDirectory,
        Optional<CognitoSettings> cognito,
        Optional<String> frontendUrl,
        int databasePoolSize,
        long maxRequestBytes,
        Duration localTokenLifetime,
        ListenSettings listening,
        Optional<Duration> purgeInterval,
        ReplicaSettings readReplicas,
        ObservabilitySettings observability) {

    public static final int DEFAULT_PORT = 4567;
    public static final int DEFAULT_POOL_SIZE = 10;
    /** A crud or reply body is at most a few KiB even with every character \\u-escaped. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    /** Cognito's default lifetime of access and ID tokens. */
    public static final Duration DEFAULT_LOCAL_TOKEN_LIFETIME = Duration.ofHours(1);
    /**
     * A row is deleted within one interval and one run of its expiry; a minute keeps that well
     * inside the five minutes the README promises, and a run with nothing to do is one indexed query.
     */
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final Duration LONGEST_PURGE_INTERVAL = Duration.ofHours(24);
    private static final Pattern PURGE_INTERVAL = Pattern.compile("(\\d{1,6})([smh])");

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be between 0 and 65535, not " + port);
        }
        if (databasePoolSize < 1) {
            throw new IllegalArgumentException("CRUDDUR_DB_POOL_SIZE must be at least 1, not " + databasePoolSize);
        }
        if (localTokenLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the token lifetime must be at least one second, not " + localTokenLifetime);
        }
        if (purgeInterval.isPresent() && (purgeInterval.get().isNegative() || purgeInterval.get().isZero())) {
            throw new IllegalArgumentException("the purge interval must be positive, not " + purgeInterval.get());
        }
    }

    public static ServerSettings fromEnvironment(Map<String, String> env) {
        return new ServerSettings(
                intVariable(env, "PORT", DEFAULT_PORT),
                DatabaseUrl.fromEnvironment(env),
                dataDirectory(env),
                CognitoSettings.fromEnvironment(env),
                Optional.ofNullable(env.get("FRONTEND_URL")).filter(url -> !url.isBlank()).map(String::strip),
                intVariable(env, "CRUDDUR_DB_POOL_SIZE", DEFAULT_POOL_SIZE),
                DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_LOCAL_TOKEN_LIFETIME,
                ListenSettings.fromEnvironment(env, intVariable(env, "CRUDDUR_CONNECTIONS_PER_ADDRESS",
                        ListenSettings.DEFAULT_CONNECTIONS_PER_ADDRESS), intVariable(env, "CRUDDUR_DRAIN_SECONDS", 0)),
                purgeInterval("CRUDDUR_PURGE_INTERVAL", env.get("CRUDDUR_PURGE_INTERVAL")),
                ReplicaSettings.fromEnvironment(env),
                ObservabilitySettings.fromEnvironment(env));
    }

    /**
     * The address to listen on: {@code HOST} if given; else every interface when Cognito is
     * configured (a deployment, behind its load balancer or in its container), and loopback only
     * with the development identity provider, where anyone who can reach the port can sign up.
     */
    public String listenHost() {
        return listening.host().orElse(cognito.isPresent() ? "0.0.0.0" : "127.0.0.1");
    }

    public List<String> allowedHosts() {
        return listening.allowedHosts();
    }

    public int connectionsPerAddress() {
        return listening.connectionsPerAddress();
    }

    public TrustedProxies trustedProxies() {
        return listening.trustedProxies();
    }

    /**
     * Reads a purge interval as people write one: {@code 30s}, {@code 5m}, {@code 1h} (1 s to
     * 24 h), or {@code off}. Blank means the default.
     *
     * @param name names the setting in the error ({@code CRUDDUR_PURGE_INTERVAL}, {@code --purge-interval})
     * @return empty for {@code off}
     */
    public static Optional<Duration> purgeInterval(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(DEFAULT_PURGE_INTERVAL);
        }
        String text = value.strip();
        if (text.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Matcher matcher = PURGE_INTERVAL.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration interval = switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (!interval.isZero() && interval.compareTo(LONGEST_PURGE_INTERVAL) <= 0) {
                return Optional.of(interval);
            }
        }
        throw new IllegalArgumentException(name + " must be a time such as 30s, 5m or 1h (from 1s to 24h), or off; not '"
                + value + "'");
    }

    /** {@code CRUDDUR_DATA_DIR}, else {@code ~/.cruddur}. */
    public static Path dataDirectory(Map<String, String> env) {
        String configured = env.get("CRUDDUR_DATA_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        return Path.of(System.getProperty("user.home"), ".cruddur");
    }

    private static int intVariable(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
