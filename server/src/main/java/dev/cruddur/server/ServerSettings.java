package dev.cruddur.server;

import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.server.auth.CognitoSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server is configured with, read from the environment (DESIGN §8); the
 * {@code cruddur serve} flags override single values with the {@code with…} methods.
 *
 * @param databaseUrl  empty: run the embedded PostgreSQL in {@code dataDirectory}
 * @param cognito      empty: no Cognito pool is configured, so the server runs its development identity provider
 * @param frontendUrl  the one origin allowed to call the API from a browser (CORS)
 * @param localTokenLifetime how long the development identity provider's access and ID tokens
 *                     last; Cognito's one hour unless a test shortens it to watch the web app
 *                     refresh them ({@link #withLocalTokenLifetime}); not read from the environment
 */
public record ServerSettings(
        int port,
        Optional<DatabaseUrl> databaseUrl,
        Path dataDirectory,
        Optional<CognitoSettings> cognito,
        Optional<String> frontendUrl,
        int databasePoolSize,
        long maxRequestBytes,
        Duration localTokenLifetime) {

    public static final int DEFAULT_PORT = 4567;
    public static final int DEFAULT_POOL_SIZE = 10;
    /** A crud or reply body is at most a few KiB even with every character \\u-escaped. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    /** Cognito's default lifetime of access and ID tokens. */
    public static final Duration DEFAULT_LOCAL_TOKEN_LIFETIME = Duration.ofHours(1);

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
                DEFAULT_LOCAL_TOKEN_LIFETIME);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(newPort, databaseUrl, dataDirectory, cognito, frontendUrl, databasePoolSize, maxRequestBytes, localTokenLifetime);
    }

    public ServerSettings withDataDirectory(Path directory) {
        return new ServerSettings(port, databaseUrl, directory, cognito, frontendUrl, databasePoolSize, maxRequestBytes, localTokenLifetime);
    }

    public ServerSettings withDatabaseUrl(Optional<DatabaseUrl> url) {
        return new ServerSettings(port, url, dataDirectory, cognito, frontendUrl, databasePoolSize, maxRequestBytes, localTokenLifetime);
    }

    public ServerSettings withCognito(Optional<CognitoSettings> settings) {
        return new ServerSettings(port, databaseUrl, dataDirectory, settings, frontendUrl, databasePoolSize, maxRequestBytes, localTokenLifetime);
    }

    public ServerSettings withFrontendUrl(Optional<String> url) {
        return new ServerSettings(port, databaseUrl, dataDirectory, cognito, url, databasePoolSize, maxRequestBytes, localTokenLifetime);
    }

    public ServerSettings withLocalTokenLifetime(Duration lifetime) {
        return new ServerSettings(port, databaseUrl, dataDirectory, cognito, frontendUrl, databasePoolSize, maxRequestBytes, lifetime);
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
