package dev.cruddur.cli;

import dev.cruddur.server.ServerSettings;
import java.nio.file.Path;
import java.util.HashMap;
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
        return ServerSettings.fromEnvironment(environment(environment));
    }

    /** The environment with {@code --data-dir} in place of {@code CRUDDUR_DATA_DIR}: a flag overrides its variable. */
    Map<String, String> environment(Map<String, String> environment) {
        if (dataDirectory == null) {
            return environment;
        }
        Map<String, String> withFlag = new HashMap<>(environment);
        withFlag.put("CRUDDUR_DATA_DIR", dataDirectory.toString());
        return withFlag;
    }
}
