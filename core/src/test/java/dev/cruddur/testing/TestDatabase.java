package dev.cruddur.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.database.ConnectionPool;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.database.Jdbis;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, real PostgreSQL database for one test class, dropped on {@link #close()}.
 *
 * <p>By default the databases live on one embedded PostgreSQL 16 started once per test JVM.
 * With {@code CRUDDUR_TEST_DATABASE_URL} set (e.g. {@code postgresql://postgres@127.0.0.1:5432/postgres}
 * for the machine's PostgreSQL 15 service) they are created on that server instead; the URL's
 * user must be allowed to create databases.
 *
 * <p>A test class that shares one database among its tests holds it in a static
 * {@code @RegisterExtension} field: it is then dropped once the class's tests have run.
 */
public final class TestDatabase implements AutoCloseable, AfterAllCallback {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final DatabaseUrl url;
    private final String name;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private TestDatabase(DatabaseUrl url, String name) {
        this.url = url;
        this.name = name;
        this.dataSource = ConnectionPool.open(url, "cruddur-test", 20);
        this.jdbi = Jdbis.create(dataSource);
    }

    /** An empty database with Cruddur's migrations applied (and no seed data). */
    public static TestDatabase migrated() {
        TestDatabase db = empty();
        Flyway.configure().dataSource(db.dataSource).locations("classpath:db/migration").load().migrate();
        return db;
    }

    /** An empty database, no tables. */
    public static TestDatabase empty() {
        String name = "cruddur_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        DatabaseUrl admin = Server.ADMIN_URL;
        execute(admin, "CREATE DATABASE " + name);
        return new TestDatabase(admin.withDatabase(name), name);
    }

    /** The address of the server the test databases live on (its maintenance database). */
    public static DatabaseUrl serverUrl() {
        return Server.ADMIN_URL;
    }

    public DatabaseUrl url() {
        return url;
    }

    /** {@link #url()} in the {@code postgresql://user:password@host:port/db} form people paste into DATABASE_URL. */
    public String plainUrl() {
        return plainUrl(url);
    }

    /** A URL in the {@code postgresql://user:password@host:port/db} form people paste into DATABASE_URL. */
    public static String plainUrl(DatabaseUrl url) {
        String hostAndDb = url.jdbcUrl().substring("jdbc:postgresql://".length());
        String credentials = url.user() == null ? "" : url.user() + (url.password() == null ? "" : ":" + url.password()) + "@";
        return "postgresql://" + credentials + hostAndDb;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
        execute(Server.ADMIN_URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // @Nested classes inherit the outer class's extensions: their end is not the outer class's.
        if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            close();
        }
    }

    private static void execute(DatabaseUrl url, String sql) {
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.credentials());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database setup failed: " + sql, e);
        }
    }

    /** The server, started on first use and shared by every test class of this JVM. */
    private static final class Server {

        static final DatabaseUrl ADMIN_URL = start();

        private static DatabaseUrl start() {
            String external = System.getenv("CRUDDUR_TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                return DatabaseUrl.parse(external);
            }
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        // Durability is not what these tests are about; speed is welcome.
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the temporary data directory goes with it
                    }
                }));
                return DatabaseUrl.parse("postgresql://postgres@localhost:" + postgres.getPort() + "/postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
            }
        }
    }
}
