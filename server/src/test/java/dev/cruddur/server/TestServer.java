package dev.cruddur.server;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.server.activity.PurgeSchedule;
import dev.cruddur.server.auth.CognitoSettings;
import dev.cruddur.server.auth.TestIssuer;
import dev.cruddur.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A real Cruddur server on a free port, trusting tokens from the given test issuer or running
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

    public static TestServer start(TestIssuer issuer) {
        return start(issuer, UnaryOperator.identity());
    }

    /** @param customizer changes the settings before the server starts (e.g. sets FRONTEND_URL) */
    public static TestServer start(TestIssuer issuer, UnaryOperator<ServerSettings> customizer) {
        return startOnOwnDatabase(settings(Optional.of(issuer.settings()), Path.of("target", "unused-data-dir"),
                Map.of()), customizer);
    }

    /**
     * A server without Cognito settings: it runs the development identity provider, whose signing
     * key goes into {@code dataDirectory}.
     */
    public static TestServer startWithLocalIdentity(Path dataDirectory) {
        return startWithLocalIdentity(dataDirectory, UnaryOperator.identity());
    }

    /** @param customizer changes the settings before the server starts (e.g. shortens the token lifetime) */
    public static TestServer startWithLocalIdentity(Path dataDirectory, UnaryOperator<ServerSettings> customizer) {
        return startOnOwnDatabase(settings(Optional.empty(), dataDirectory, Map.of()), customizer);
    }

    /** The same, with a pool of {@code poolSize} connections, as {@code CRUDDUR_DB_POOL_SIZE} sets it. */
    public static TestServer startWithLocalIdentity(Path dataDirectory, int poolSize) {
        return startWithLocalIdentity(dataDirectory, poolSize, UnaryOperator.identity());
    }

    /** The same, with the settings changed before the server starts. */
    public static TestServer startWithLocalIdentity(Path dataDirectory, int poolSize, UnaryOperator<ServerSettings> customizer) {
        return startOnOwnDatabase(settings(Optional.empty(), dataDirectory, poolSize(poolSize)), customizer);
    }

    /** The same, on a database the test controls and closes itself. */
    public static TestServer startWithLocalIdentity(DatabaseUrl database, Path dataDirectory, int poolSize) {
        ServerSettings settings = settings(Optional.empty(), dataDirectory, poolSize(poolSize))
                .withDatabaseUrl(Optional.of(database));
        return new TestServer(Optional.empty(), CruddurApp.start(settings, SentCodes.SENDER));
    }

    /** A server trusting the test issuer, on a database the test controls (several servers may share it). */
    public static TestServer startOn(DatabaseUrl database, TestIssuer issuer, UnaryOperator<ServerSettings> customizer) {
        ServerSettings settings = settings(Optional.of(issuer.settings()), Path.of("target", "unused-data-dir"), Map.of())
                .withDatabaseUrl(Optional.of(database));
        return new TestServer(Optional.empty(), CruddurApp.start(customizer.apply(settings), SentCodes.SENDER));
    }

    private static TestServer startOnOwnDatabase(ServerSettings settings, UnaryOperator<ServerSettings> customizer) {
        TestDatabase database = TestDatabase.empty();
        try {
            ServerSettings onDatabase = settings.withDatabaseUrl(Optional.of(database.url()));
            return new TestServer(Optional.of(database), CruddurApp.start(customizer.apply(onDatabase), SentCodes.SENDER));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static ServerSettings settings(Optional<CognitoSettings> cognito, Path dataDirectory,
                                           Map<String, String> environment) {
        return ServerSettings.fromEnvironment(environment)
                .withPort(0)
                .withDataDirectory(dataDirectory)
                .withCognito(cognito)
                .withPurgeInterval(Optional.empty());
    }

    private static Map<String, String> poolSize(int size) {
        return Map.of("CRUDDUR_DB_POOL_SIZE", String.valueOf(size));
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
