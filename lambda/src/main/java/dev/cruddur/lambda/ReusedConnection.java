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

    private final String jdbcUrl;
    private final Properties properties;
    // The driver itself, not DriverManager: no scan of the class path for drivers on a cold start.
    private final Driver driver = new org.postgresql.Driver();
    private Connection connection;

    private ReusedConnection(String jdbcUrl, Properties properties) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
    }

    /**
     * @param applicationName shows in {@code pg_stat_activity}, so operators can tell the
     *                        trigger's session from the server's
     */
    public static ReusedConnection to(DatabaseUrl url, String applicationName) {
        Properties properties = new Properties();
        if (url.user() != null) {
            properties.setProperty("user", url.user());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        // Defaults only: a parameter in the URL's query string wins over these.
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        // No row values (emails, names) in error messages: "Failing row contains (…)".
        properties.setProperty("logServerErrorDetail", "false");
        return new ReusedConnection(url.jdbcUrl(), properties);
    }

    @Override
    public synchronized Connection openConnection() throws SQLException {
        if (connection != null && !isUsable(connection)) {
            discard();
        }
        if (connection == null) {
            Connection opened = driver.connect(jdbcUrl, properties);
            if (opened == null) {
                // The driver declines URLs that are not its own; DatabaseUrl already checked.
                throw new SQLException("the PostgreSQL driver did not accept the database URL", "08001");
            }
            connection = opened;
        }
        return connection;
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
