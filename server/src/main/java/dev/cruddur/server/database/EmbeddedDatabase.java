package dev.cruddur.server.database;

import dev.cruddur.database.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 16 run by Cruddur itself when no DATABASE_URL is given: its data lives in
 * {@code <data dir>/postgres} and survives restarts, its log in {@code <data dir>/postgres.log}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final boolean created;

    private EmbeddedDatabase(EmbeddedPostgres postgres, boolean created) {
        this.postgres = postgres;
        this.created = created;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        Path pgData = dataDirectory.resolve("postgres");
        boolean created = !Files.exists(pgData.resolve("PG_VERSION"));
        try {
            Files.createDirectories(dataDirectory);
            LeftoverPostmaster.stopIfAny(pgData);
            Path logFile = dataDirectory.resolve("postgres.log");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // The library is tuned for throw-away test databases (it passes -F, fsync off).
                    // This one holds a person's data: make every commit durable again.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    // Stopping is ours to order: the server drains requests first (see CruddurApp.close).
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start();
            log.info("Embedded PostgreSQL on 127.0.0.1:{}, data in {}{}", postgres.getPort(), pgData,
                    created ? " (new)" : "");
            return new EmbeddedDatabase(postgres, created);
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("The embedded PostgreSQL in " + pgData + " could not start (" + e.getMessage()
                    + "). Is another cruddur process using this data directory? See " + dataDirectory.resolve("postgres.log")
                    + ", or set DATABASE_URL to use another server.", e);
        }
    }

    /** True when this start created the data directory: the one time seed data is loaded by itself. */
    public boolean created() {
        return created;
    }

    public DatabaseUrl url() {
        return DatabaseUrl.parse("postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
