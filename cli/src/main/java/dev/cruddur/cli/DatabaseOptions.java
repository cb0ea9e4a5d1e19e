package dev.cruddur.cli;

import dev.cruddur.server.ServerSettings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How a command finds its database: DATABASE_URL (or CONNECTION_URL) from the environment, or
 * the embedded PostgreSQL in the data directory. URLs are deliberately not accepted as flags:
 * a password on a command line ends up in shell history and process lists.
 */
public final class DatabaseOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded database lives when DATABASE_URL is unset (default: $CRUDDUR_DATA_DIR or ~/.cruddur).")
    private Path dataDirectory;

    /** The environment's settings, with {@code --data-dir} applied. */
    public ServerSettings settings(Map<String, String> environment) {
        ServerSettings settings = ServerSettings.fromEnvironment(environment);
        return dataDirectory == null ? settings : settings.withDataDirectory(dataDirectory);
    }
}
