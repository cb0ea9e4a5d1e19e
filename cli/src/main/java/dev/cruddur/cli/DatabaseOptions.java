package dev.cruddur.cli;

import dev.cruddur.server.ServerSettings;
import dev.cruddur.server.database.Database;
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

    public ServerSettings applyTo(ServerSettings settings) {
        return dataDirectory == null ? settings : settings.withDataDirectory(dataDirectory);
    }

    public Database open(Map<String, String> environment, String applicationName) {
        ServerSettings settings = applyTo(ServerSettings.fromEnvironment(environment));
        return Database.open(settings.databaseUrl(), settings.dataDirectory(), applicationName, 2);
    }

    /** Names the database for messages, without credentials. */
    public String describe(Map<String, String> environment) {
        ServerSettings settings = applyTo(ServerSettings.fromEnvironment(environment));
        return settings.databaseUrl().map(Object::toString)
                .orElse("the embedded PostgreSQL in " + settings.dataDirectory());
    }
}
