package dev.cruddur.server;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.database.ReplicaRouting;
import dev.cruddur.server.activity.PurgeSchedule;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Cruddur server on a free port, trusting tokens from the given fake Cognito pool or running
 * its development identity provider. It runs on a fresh database of its own, or on one the test
 * controls (one it stops, or one behind a proxy it stalls). The server applies the migrations
 * itself, as {@code cruddur serve} does. The tests of faults also watch inside it: its pool and
 * the requests it is handling. It does not purge expired cruds unless a test turns that on
 * ({@link Builder#purgeEvery}), so that rows a test wrote stay until it looks at them.
 */
public final class TestServer implements AutoCloseable {

    /** Empty when the server runs on a database the test controls (and closes). */
    private final Optional<TestDatabase> database;
    private final CruddurApp app;
    private final ApiClient client;
    private final AccountClient accounts;

    private TestServer(Optional<TestDatabase> database, CruddurApp app) {
        this.database = database;
        this.app = app;
        this.client = new ApiClient(app.port());
        this.accounts = new AccountClient(client, SentCodes::confirmationCode);
    }

    /** A server in Cognito mode, trusting the pool's tokens. */
    public static Builder trusting(FakeCognitoPool pool) {
        return new Builder(pool.environment(), Path.of("target", "unused-data-dir"));
    }

    /**
     * A server without Cognito settings: it runs the development identity provider, whose signing
     * key goes into {@code dataDirectory}.
     */
    public static Builder withLocalIdentity(Path dataDirectory) {
        return new Builder(Map.of(), dataDirectory);
    }

    /**
     * What the server runs on and with, set as a person sets it: with the environment variables of
     * the README's table. {@link #start()} starts it.
     */
    public static final class Builder {

        private final Map<String, String> environment = new HashMap<>();
        private Optional<DatabaseUrl> database = Optional.empty();
        private Optional<Duration> purgeInterval = Optional.empty();
        private Duration localTokenLifetime = ServerSettings.DEFAULT_LOCAL_TOKEN_LIFETIME;

        private Builder(Map<String, String> identity, Path dataDirectory) {
            environment.putAll(identity);
            environment.put("PORT", "0");
            environment.put("CRUDDUR_DATA_DIR", dataDirectory.toString());
        }

        /** On a database the test controls and closes itself (several servers may share it). */
        public Builder onDatabase(DatabaseUrl url) {
            this.database = Optional.of(url);
            return this;
        }

        /** A pool of {@code size} connections, as {@code CRUDDUR_DB_POOL_SIZE} sets it. */
        public Builder poolSize(int size) {
            return environment("CRUDDUR_DB_POOL_SIZE", String.valueOf(size));
        }

        /** Sets one of the server's environment variables (e.g. FRONTEND_URL); null removes it. */
        public Builder environment(String name, String value) {
            if (value == null) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
            return this;
        }

        /**
         * Purges every {@code interval}, shorter than the variable allows, so a test sees runs
         * quickly; a test server does not purge otherwise, so the rows a test wrote stay until it
         * looks at them.
         */
        public Builder purgeEvery(Duration interval) {
            this.purgeInterval = Optional.of(interval);
            return this;
        }

        /** The development identity provider's tokens last {@code lifetime}, so a test sees them refreshed. */
        public Builder localTokenLifetime(Duration lifetime) {
            this.localTokenLifetime = lifetime;
            return this;
        }

        public TestServer start() {
            if (database.isPresent()) {
                return new TestServer(Optional.empty(), CruddurApp.start(settings(database.get()), SentCodes.SENDER));
            }
            TestDatabase own = TestDatabase.empty();
            try {
                return new TestServer(Optional.of(own), CruddurApp.start(settings(own.url()), SentCodes.SENDER));
            } catch (RuntimeException e) {
                own.close();
                throw e;
            }
        }

        /** The settings from the environment, with the two a person cannot set (a sub-second purge, a token lifetime). */
        private ServerSettings settings(DatabaseUrl url) {
            Map<String, String> variables = new HashMap<>(environment);
            variables.put("DATABASE_URL", TestDatabase.plainUrl(url));
            ServerSettings read = ServerSettings.fromEnvironment(variables);
            return new ServerSettings(read.port(), read.databaseUrl(), read.dataDirectory(), read.cognito(),
                    read.frontendUrl(), read.databasePoolSize(), read.maxRequestBytes(), localTokenLifetime,
                    read.listening(), purgeInterval, read.readReplicas(), read.observability());
        }
    }

    public ApiClient client() {
        return client;
    }

    /**
     * Makes accounts at this server's development identity provider, over HTTP as the web app
     * does, confirmed with the codes {@link SentCodes} recorded.
     */
    public AccountClient accounts() {
        return accounts;
    }

    /** The server's own database; not there when the test brought the database. */
    public TestDatabase database() {
        return database.orElseThrow(() -> new IllegalStateException("this server runs on the test's own database"));
    }

    public int port() {
        return app.port();
    }

    /** Where the server serves {@code /metrics} (with {@code METRICS_PORT} set); empty otherwise. */
    public Optional<Integer> metricsPort() {
        return app.metricsPort();
    }

    /** Hikari's live counts of the server's pool: active, idle, total, threads waiting. */
    public HikariPoolMXBean pool() {
        return app.database().dataSource().getHikariPoolMXBean();
    }

    /** Each read replica as the server's last check found it; empty without DATABASE_READ_URL. */
    public List<ReplicaRouting.ReplicaStatus> replicas() {
        return app.replicaStatus();
    }

    /** The API requests the server is handling right now (those its admission limit counts). */
    public int requestsInFlight() {
        return app.admission().inFlight();
    }

    public int admissionLimit() {
        return app.admission().limit();
    }

    /** The server's purges: the runs it has finished, and those it skipped because another process was purging. */
    public PurgeSchedule purge() {
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
