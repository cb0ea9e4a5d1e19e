package dev.cruddur.server;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cruddur.database.DatabaseUrl;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A Cruddur server started as {@code cruddur serve} starts it, on a database the test controls
 * (one it stops, or one behind a proxy it stalls), with the development identity provider; and
 * what the tests of faults watch inside it: its pool and the requests it is handling.
 */
public final class RunningApp implements AutoCloseable {

    private final CruddurApp app;
    private final ApiClient client;

    private RunningApp(CruddurApp app) {
        this.app = app;
        this.client = new ApiClient(app.port());
    }

    public static RunningApp start(DatabaseUrl database, Path dataDirectory, int poolSize) {
        ServerSettings settings = ServerSettings.fromEnvironment(Map.of("CRUDDUR_DB_POOL_SIZE", String.valueOf(poolSize)))
                .withPort(0)
                .withDatabaseUrl(Optional.of(database))
                .withDataDirectory(dataDirectory)
                .withCognito(Optional.empty());
        return new RunningApp(CruddurApp.start(settings));
    }

    public int port() {
        return app.port();
    }

    public ApiClient client() {
        return client;
    }

    /** Hikari's live counts of the server's pool: active, idle, total, threads waiting. */
    public HikariPoolMXBean pool() {
        return app.database().dataSource().getHikariPoolMXBean();
    }

    /** The API requests the server is handling right now (those its admission limit counts). */
    public int requestsInFlight() {
        return app.admission().inFlight();
    }

    public int admissionLimit() {
        return app.admission().limit();
    }

    @Override
    public void close() {
        app.close();
    }
}
