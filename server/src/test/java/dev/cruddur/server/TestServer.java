package dev.cruddur.server;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.server.activity.PurgeSchedule;
import dev.cruddur.server.auth.CognitoSettings;
import dev.cruddur.server.auth.PoolSettings;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A real Cruddur server on a free port, trusting tokens from the given fake Cognito pool or running
 * its development identity provider. It runs on a fresh database of its own, or on one the test
 * controls (one it stops, or one behind a proxy it stalls). The server applies the migrations
 * itself, as {@code cruddur serve} does. The tests of faults also watch inside it: its pool and
 * the requests it is handling. It does not purge expired cruds unless a test turns that on
 * ({@link ServerSettings#withPurgeInterval}), so that rows a test wrote stay until it looks at them.
 */
public final class TestServer implements AutoCloseable {

    /** Empty when the server runs on a database the test controls (and closes). */
    private final Optional<TestDatabase> database;
    private final CruddurApp app;
    private final ApiClient client;

    private TestServer(Optional<TestDatabase> database, CruddurApp app) {
        this.database = database;
        this.app = app;
        this.client = new ApiClient(app.port());
    }

    /** A server in Cognito mode, trusting the pool's tokens. */
    public static Builder trusting(FakeCognitoPool pool) {
        return new Builder(Optional.of(PoolSettings.of(pool)), Path.of("target", "unused-data-dir"));
    }

    /**
     * A server without Cognito settings: it runs the development identity provider, whose signing
     * key goes into {@code dataDirectory}.
     */
    public static Builder withLocalIdentity(Path dataDirectory) {
        return new Builder(Optional.empty(), dataDirectory);
    }

    /** What the server runs on and with; {@link #start()} starts it. */
    public static final class Builder {

        private final Optional<CognitoSettings> cognito;
        private final Path dataDirectory;
        private Optional<DatabaseUrl> database = Optional.empty();
        private Map<String, String> environment = Map.of();
        private UnaryOperator<ServerSettings> change = UnaryOperator.identity();

        private Builder(Optional<CognitoSettings> cognito, Path dataDirectory) {
            this.cognito = cognito;
            this.dataDirectory = dataDirectory;
        }

        /** On a database the test controls and closes itself (several servers may share it). */
        public Builder onDatabase(DatabaseUrl url) {
            this.database = Optional.of(url);
            return this;
        }

        /** A pool of {@code size} connections, as {@code CRUDDUR_DB_POOL_SIZE} sets it. */
        public Builder poolSize(int size) {
            this.environment = Map.of("CRUDDUR_DB_POOL_SIZE", String.valueOf(size));
            return this;
        }

        /** Changes the settings before the server starts (e.g. sets FRONTEND_URL). */
        public Builder settings(UnaryOperator<ServerSettings> change) {
            this.change = change;
            return this;
        }

        public TestServer start() {
            ServerSettings settings = ServerSettings.fromEnvironment(environment)
                    .withPort(0)
                    .withDataDirectory(dataDirectory)
                    .withCognito(cognito)
                    .withPurgeInterval(Optional.empty());
            if (database.isPresent()) {
                return new TestServer(Optional.empty(),
                        CruddurApp.start(change.apply(settings.withDatabaseUrl(database)), SentCodes.SENDER));
            }
            TestDatabase own = TestDatabase.empty();
            try {
                return new TestServer(Optional.of(own),
                        CruddurApp.start(change.apply(settings.withDatabaseUrl(Optional.of(own.url()))), SentCodes.SENDER));
            } catch (RuntimeException e) {
                own.close();
                throw e;
            }
        }
    }

    public ApiClient client() {
        return client;
    }

    /** The server's own database; not there when the test brought the database. */
    public TestDatabase database() {
        return database.orElseThrow(() -> new IllegalStateException("this server runs on the test's own database"));
    }

    public int port() {
        return app.port();
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

    /** The purge runs the server has finished (skipped and failed ones too). */
    public long purgeRuns() {
        return purge().runs();
    }

    /** The purge runs that found another process purging, and did nothing. */
    public long purgeSkips() {
        return purge().skips();
    }

    private PurgeSchedule purge() {
        return app.purge().orElseThrow(() -> new IllegalStateException("this server does not purge; give it a purge interval"));
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            database.ifPresent(TestDatabase::close);
        }
    }
}
