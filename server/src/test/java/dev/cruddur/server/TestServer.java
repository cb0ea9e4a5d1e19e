package dev.cruddur.server;

import dev.cruddur.server.auth.CognitoSettings;
import dev.cruddur.server.auth.TestIssuer;
import dev.cruddur.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A real Cruddur server on a free port, on a fresh database of its own, trusting tokens from
 * the given test issuer, or running its development identity provider. The server applies the
 * migrations itself, as {@code cruddur serve} does.
 */
public final class TestServer implements AutoCloseable {

    private final TestDatabase database;
    private final CruddurApp app;
    private final ApiClient client;

    private TestServer(TestDatabase database, CruddurApp app) {
        this.database = database;
        this.app = app;
        this.client = new ApiClient(app.port());
    }

    public static TestServer start(TestIssuer issuer) {
        return start(issuer, UnaryOperator.identity());
    }

    /** @param customizer changes the settings before the server starts (e.g. sets FRONTEND_URL) */
    public static TestServer start(TestIssuer issuer, UnaryOperator<ServerSettings> customizer) {
        return start(Optional.of(issuer.settings()), Path.of("target", "unused-data-dir"), customizer);
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
        return start(Optional.empty(), dataDirectory, customizer);
    }

    private static TestServer start(Optional<CognitoSettings> cognito, Path dataDirectory,
                                    UnaryOperator<ServerSettings> customizer) {
        TestDatabase database = TestDatabase.empty();
        try {
            ServerSettings settings = ServerSettings.fromEnvironment(java.util.Map.of())
                    .withPort(0)
                    .withDatabaseUrl(Optional.of(database.url()))
                    .withDataDirectory(dataDirectory)
                    .withCognito(cognito);
            return new TestServer(database, CruddurApp.start(customizer.apply(settings)));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public ApiClient client() {
        return client;
    }

    public TestDatabase database() {
        return database;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            database.close();
        }
    }
}
