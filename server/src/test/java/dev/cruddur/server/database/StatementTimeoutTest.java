package dev.cruddur.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.database.ConnectionPool;
import dev.cruddur.database.ConnectionPool.Workload;
import dev.cruddur.database.DatabaseUnavailable;
import dev.cruddur.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The server's pool bounds every statement; its migrations and the operator's tools do not,
 * since an index built over millions of rows may take minutes.
 */
class StatementTimeoutTest {

    private static final Path NO_DATA_DIRECTORY = Path.of("target", "unused-data-dir");

    @Test
    void theServersStatementsAreCancelledButItsMigrationsWait() throws Exception {
        try (TestDatabase test = TestDatabase.migrated();
             Database server = Database.open(Optional.of(test.url()), NO_DATA_DIRECTORY, "cruddur-server", 2,
                     Workload.REQUESTS);
             Connection locker = test.dataSource().getConnection()) {
            // Everything that reads the schema history waits for this lock.
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE flyway_schema_history IN ACCESS EXCLUSIVE MODE");
            }

            long started = System.nanoTime();
            assertThatThrownBy(() -> server.jdbi().withHandle(h -> h.select("SELECT count(*) FROM flyway_schema_history")
                    .mapTo(Long.class).one()))
                    .satisfies(e -> assertThat(DatabaseUnavailable.isCause(e)).as("answered 503").isTrue())
                    // Cancelled by PostgreSQL (query_canceled), not given up by the client's socket timeout.
                    .rootCause().isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            Duration cancelledAfter = Duration.ofNanos(System.nanoTime() - started);
            // The lower bound shows the statement did wait; the upper one only that nothing hung (the
            // SQLState above already proves PostgreSQL, not the socket timeout, ended it), so it leaves
            // a noisy machine room for borrowing and validating the connection first.
            assertThat(cancelledAfter).isBetween(ConnectionPool.STATEMENT_TIMEOUT.minusMillis(500),
                    ConnectionPool.CONNECTION_TIMEOUT.plus(ConnectionPool.SOCKET_TIMEOUT).multipliedBy(2));

            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(3000);
                    locker.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            started = System.nanoTime();
            // Waits for the lock as long as it takes (3 s here, twice the requests' bound), then finds nothing to do.
            assertThat(server.applyMigrations(false)).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
            release.join();
        }
    }

    @Test
    void theToolsPoolDoesNotBoundStatements() {
        try (TestDatabase test = TestDatabase.empty();
             Database tools = Database.open(Optional.of(test.url()), NO_DATA_DIRECTORY, "cruddur-cli", 2);
             Database server = Database.open(Optional.of(test.url()), NO_DATA_DIRECTORY, "cruddur-server", 2,
                     Workload.REQUESTS)) {
            assertThat(statementTimeout(tools)).isEqualTo("0");
            assertThat(statementTimeout(server)).isEqualTo("1500ms");
        }
    }

    private static String statementTimeout(Database database) {
        return database.jdbi().withHandle(h -> h.select("SHOW statement_timeout").mapTo(String.class).one());
    }
}
