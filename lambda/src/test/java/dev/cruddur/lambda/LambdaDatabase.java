package dev.cruddur.lambda;

import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.testing.TestDatabase;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test database as the handlers see it: their environment, their rows, their sessions.
 * A test class holds one made for it in a static {@code @RegisterExtension} field, and the
 * database is dropped once the class's tests have run.
 */
final class LambdaDatabase implements AfterAllCallback {

    /** The handlers' sessions: they name themselves with {@link Triggers#APPLICATION_NAME}. */
    private static final String LAMBDA_SESSIONS =
            "FROM pg_stat_activity WHERE datname = current_database() AND application_name = :app";

    private final TestDatabase db;

    /** A new database with Cruddur's migrations applied. */
    LambdaDatabase() {
        this(TestDatabase.migrated());
    }

    LambdaDatabase(TestDatabase db) {
        this.db = db;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        db.close();
    }

    DatabaseUrl url() {
        return db.url();
    }

    Jdbi jdbi() {
        return db.jdbi();
    }

    /** The environment of a function configured with this database: CONNECTION_URL, as the seed names it. */
    Map<String, String> environment() {
        return Map.of("CONNECTION_URL", connectionUrl());
    }

    long users() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one());
    }

    long usersWithSub(String sub) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users WHERE cognito_user_id = :sub")
                .bind("sub", sub).mapTo(Long.class).one());
    }

    void deleteUsers() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM activities; DELETE FROM users"));
    }

    /** Backend pids of the handlers' sessions on this database. */
    List<Integer> lambdaSessions() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT pid " + LAMBDA_SESSIONS + " ORDER BY pid")
                .bind("app", Triggers.APPLICATION_NAME).mapTo(Integer.class).list());
    }

    /** Ends the handlers' sessions from the server side, as an RDS restart or failover would. */
    void terminateLambdaSessions() {
        db.jdbi().useHandle(h -> h.createQuery("SELECT pg_terminate_backend(pid) " + LAMBDA_SESSIONS)
                .bind("app", Triggers.APPLICATION_NAME).mapTo(Boolean.class).list());
    }

    URI address() {
        return URI.create(db.url().jdbcUrl().substring("jdbc:".length()));
    }

    /** The database's URL in the {@code postgresql://} form, as CONNECTION_URL holds it. */
    String connectionUrl() {
        return db.plainUrl();
    }

    /**
     * The same database reached through another host and port, with a password in the URL
     * (a made-up one when the server trusts local connections and the test URL has none), so
     * tests can check it never shows up.
     */
    String connectionUrlVia(String host, int port, String fallbackPassword) {
        URI address = address();
        String user = db.url().user() == null ? "postgres" : db.url().user();
        return "postgresql://" + user + ":" + password(fallbackPassword) + "@" + host + ":" + port + address.getRawPath()
                + (address.getRawQuery() == null ? "" : "?" + address.getRawQuery());
    }

    /** The same database as another role. */
    String connectionUrlAs(String user, String password) {
        return "postgresql://" + user + ":" + password + "@" + host() + ":" + port() + address().getRawPath();
    }

    String password(String fallbackPassword) {
        return db.url().password() == null ? fallbackPassword : db.url().password();
    }

    String host() {
        return address().getHost();
    }

    int port() {
        return address().getPort() < 0 ? 5432 : address().getPort();
    }
}
