package dev.cruddur.bench;

import dev.cruddur.database.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/** A plain JDBC connection to the database named by {@code DATABASE_URL}, read as the server reads it. */
final class Databases {

    private Databases() {
    }

    static DatabaseUrl fromEnvironment(Map<String, String> env) {
        return DatabaseUrl.fromEnvironment(env).orElseThrow(() ->
                new IllegalArgumentException("set DATABASE_URL to the database to fill (the schema must be migrated)"));
    }

    static Connection connect(DatabaseUrl url) throws SQLException {
        Properties props = new Properties();
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("ApplicationName", "cruddur-bench");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }
}
