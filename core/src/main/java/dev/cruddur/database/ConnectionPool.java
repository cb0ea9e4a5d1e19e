package dev.cruddur.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** Builds the HikariCP pool every process of Cruddur talks to PostgreSQL through. */
public final class ConnectionPool {

    /**
     * What the connections are for, which decides how long one statement may take.
     */
    public enum Workload {
        /**
         * The API: every statement ends within {@link #STATEMENT_TIMEOUT}, cancelled by PostgreSQL
         * itself, and a connection whose server stopped answering is given up after
         * {@link #SOCKET_TIMEOUT}, so no request waits on the database for longer than that.
         */
        REQUESTS,
        /**
         * Migrations and operator tools: building an index over millions of rows may take minutes,
         * so nothing is bounded but connecting.
         */
        MAINTENANCE
    }

    /**
     * Longer than any query the API runs takes (feeds are bounded and indexed: a search over a
     * million cruds took 30-40 ms at its 99th percentile in the benchmark), shorter than
     * {@link #SOCKET_TIMEOUT}, so a statement that is merely slow (a lock, an overloaded
     * database) is cancelled by the server and its connection stays usable.
     */
    public static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(1500);
    /**
     * A connection on which nothing arrives for this long is broken: the network stalled, or the
     * server is gone without a word. pgjdbc counts it in whole seconds.
     */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    /** The longest a request waits for a free connection before it is answered 503. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    private ConnectionPool() {
    }

    /** A pool for maintenance work (tools, tests): statements are not bounded. */
    public static HikariDataSource open(DatabaseUrl url, String applicationName, int maximumPoolSize) {
        return open(url, applicationName, maximumPoolSize, Workload.MAINTENANCE);
    }

    /**
     * @param applicationName shows up in {@code pg_stat_activity} (and {@code cruddur db sessions}),
     *                        so operators can tell the server's connections from the tools'
     */
    public static HikariDataSource open(DatabaseUrl url, String applicationName, int maximumPoolSize,
                                        Workload workload) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(applicationName);
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(Math.min(2, maximumPoolSize));
        // A request waits at most this long for a connection, then fails with a clear error
        // instead of hanging while the database is unreachable or the pool is exhausted.
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        config.addDataSourceProperty("ApplicationName", applicationName);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        if (workload == Workload.REQUESTS) {
            // Set at connection start-up, so it is the session's default: a RESET keeps it.
            config.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis());
            config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT.toSeconds()));
        }
        // PostgreSQL's error detail quotes row values ("Failing row contains (…)"), which can be
        // secrets or personal data, and errors end up in the log; the message and SQLState stay.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }
}
