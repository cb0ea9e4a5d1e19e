package dev.cruddur.lambda;

import dev.cruddur.database.DatabaseUrl;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * The one database connection of a Lambda container. A container runs one invocation at a
 * time, so a pool would only add weight; instead the connection is opened on first use, kept
 * while the container is frozen between invocations, and checked before it is handed out
 * again: RDS may have ended the session or a NAT may have forgotten the flow in the meantime.
 *
 * <p>JDBI asks for a connection for each statement batch and gives it back through
 * {@link #closeConnection}, which keeps it open for the next caller.
 *
 * <p>With a {@link DatabaseSecret}, the user and password come from the secret instead of the
 * URL: read when the first connection is opened, kept for the next ones, and read once more when
 * PostgreSQL refuses the password (SQLState 28P01), because RDS rotates it. An open session is
 * not affected by a rotation; only the next log-in is.
 */
public final class ReusedConnection implements ConnectionFactory, AutoCloseable {

    /**
     * Cognito waits 5 s for a trigger, retries included in what the user sees, so every wait
     * here is bounded well below that: a check of the kept connection, a new TCP connection,
     * the whole log-in (TLS, authentication), and any one read.
     */
    static final int VALIDATION_TIMEOUT_SECONDS = 1;
    static final int CONNECT_TIMEOUT_SECONDS = 2;
    static final int LOGIN_TIMEOUT_SECONDS = 3;
    static final int SOCKET_TIMEOUT_SECONDS = 3;

    /** PostgreSQL's invalid_password: the password authentication failed. */
    static final String INVALID_PASSWORD = "28P01";

    private final String jdbcUrl;
    private final Properties properties;
    /** Where the user and password come from; null when the URL holds them. */
    private final DatabaseSecret secret;
    // The driver itself, not DriverManager: no scan of the class path for drivers on a cold start.
    private final Driver driver = new org.postgresql.Driver();
    private Connection connection;
    /** The secret's user and password as last read; null until the first log-in. */
    private DatabaseCredentials credentials;

    private ReusedConnection(String jdbcUrl, Properties properties, DatabaseSecret secret) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.secret = secret;
    }

    /**
     * @param applicationName shows in {@code pg_stat_activity}, so operators can tell the
     *                        trigger's session from the server's
     */
    public static ReusedConnection to(DatabaseUrl url, String applicationName) {
        return new ReusedConnection(url.jdbcUrl(), properties(url, applicationName), null);
    }

    /** As {@link #to(DatabaseUrl, String)}, logging in with the user and password {@code secret} holds. */
    static ReusedConnection to(DatabaseUrl url, String applicationName, DatabaseSecret secret) {
        return new ReusedConnection(url.jdbcUrl(), properties(url, applicationName), secret);
    }

    private static Properties properties(DatabaseUrl url, String applicationName) {
        Properties properties = url.credentials();
        // Defaults only: a parameter in the URL's query string wins over these.
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        // No row values (emails, names) in error messages: "Failing row contains (…)".
        properties.setProperty("logServerErrorDetail", "false");
        return properties;
    }

    @Override
    public synchronized Connection openConnection() throws SQLException {
        if (connection != null && !isUsable(connection)) {
            discard();
        }
        if (connection == null) {
            connection = logIn();
        }
        return connection;
    }

    private Connection logIn() throws SQLException {
        if (secret == null) {
            return connect(properties);
        }
        if (credentials == null) {
            credentials = secret.read();
        }
        try {
            return connect(credentials.applyTo(properties));
        } catch (SQLException refused) {
            if (!INVALID_PASSWORD.equals(refused.getSQLState())) {
                throw refused;
            }
            // Rotated since it was read, most likely: read it again, and try once more if it changed.
            DatabaseCredentials current = secret.read();
            if (current.equals(credentials)) {
                throw refused;
            }
            credentials = current;
            return connect(credentials.applyTo(properties));
        }
    }

    private Connection connect(Properties settings) throws SQLException {
        Connection opened = driver.connect(jdbcUrl, settings);
        if (opened == null) {
            // The driver declines URLs that are not its own; DatabaseUrl already checked.
            throw new SQLException("the PostgreSQL driver did not accept the database URL", "08001");
        }
        return opened;
    }

    /** Leaves the connection open for the next invocation of this container. */
    @Override
    public void closeConnection(Connection toClose) {
        // kept on purpose
    }

    /** Ends the kept connection (tests; Lambda simply discards the container). */
    @Override
    public synchronized void close() {
        discard();
    }

    private static boolean isUsable(Connection candidate) {
        try {
            // A round trip bounded by the timeout: isClosed() alone would miss a peer that
            // vanished while the container was frozen.
            return candidate.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private void discard() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it was already broken; replacing it is the point
        } finally {
            connection = null;
        }
    }
}
