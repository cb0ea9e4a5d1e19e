package dev.cruddur.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** Builds the HikariCP pool every process of Cruddur talks to PostgreSQL through. */
public final class ConnectionPool {

    private ConnectionPool() {
    }

    /**
     * @param applicationName shows up in {@code pg_stat_activity} (and {@code cruddur db sessions}),
     *                        so operators can tell the server's connections from the tools'
     */
    public static HikariDataSource open(DatabaseUrl url, String applicationName, int maximumPoolSize) {
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
        config.setConnectionTimeout(Duration.ofSeconds(2).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        config.addDataSourceProperty("ApplicationName", applicationName);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // PostgreSQL's error detail quotes row values ("Failing row contains (…)"), which can be
        // secrets or personal data, and errors end up in the log; the message and SQLState stay.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }
}
