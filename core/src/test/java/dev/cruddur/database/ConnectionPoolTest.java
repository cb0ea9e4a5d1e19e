package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.database.ConnectionPool.Workload;
import dev.cruddur.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** The server's bounds on statements hold whatever the DATABASE_URL says, on a real PostgreSQL. */
class ConnectionPoolTest {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.empty();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void theServersBoundsHoldEvenWhenTheUrlSetsItsOwnOptionsAndSocketTimeout() throws SQLException {
        DatabaseUrl url = withQuery(database.url(), "options=-c%20search_path%3Dpg_catalog%20-c%20statement_timeout%3D0"
                + "&socketTimeout=30&ApplicationName=ignored");
        try (HikariDataSource pool = ConnectionPool.open(url, "cruddur-server", 1, Workload.REQUESTS);
             Connection connection = pool.getConnection()) {
            assertThat(show(connection, "statement_timeout")).isEqualTo("1500ms");
            assertThat(show(connection, "search_path")).as("the URL's own options still apply").isEqualTo("pg_catalog");
            assertThat(connection.getNetworkTimeout()).as("socket timeout, ms").isEqualTo(2000);
        }
    }

    @Test
    void theBackgroundWorkBoundsItsStatementsAndLockWaitsWhateverTheUrlSays() throws SQLException {
        DatabaseUrl url = withQuery(database.url(), "options=-c%20statement_timeout%3D0%20-c%20lock_timeout%3D0"
                + "&socketTimeout=0");
        try (HikariDataSource pool = ConnectionPool.open(url, "cruddur-server-purge", 1, Workload.BACKGROUND);
             Connection connection = pool.getConnection()) {
            assertThat(show(connection, "statement_timeout")).isEqualTo("10s");
            assertThat(show(connection, "lock_timeout")).isEqualTo("3s");
            assertThat(connection.getNetworkTimeout()).as("socket timeout, ms").isEqualTo(15_000);
        }
    }

    @Test
    void theServersStatementsArePreparedOnTheServerFromTheFirstExecutionAndPlannedOnce() throws SQLException {
        try (HikariDataSource pool = ConnectionPool.open(database.url(), "cruddur-server", 1, Workload.REQUESTS);
             Connection connection = pool.getConnection()) {
            assertThat(show(connection, "plan_cache_mode")).isEqualTo("force_generic_plan");
            assertThat(connection.unwrap(PGConnection.class).getPrepareThreshold()).isEqualTo(1);
        }
    }

    @Test
    void theServersStatementsAreNeitherCompiledNorSplitAcrossWorkers() throws SQLException {
        try (HikariDataSource pool = ConnectionPool.open(database.url(), "cruddur-server", 1, Workload.REQUESTS);
             Connection connection = pool.getConnection()) {
            assertThat(show(connection, "jit")).isEqualTo("off");
            assertThat(show(connection, "max_parallel_workers_per_gather")).isEqualTo("0");
        }
    }

    @Test
    void theUrlMayChooseAnotherPlanCacheModeAndPrepareThreshold() throws SQLException {
        DatabaseUrl url = withQuery(database.url(), "options=-c%20plan_cache_mode%3Dauto&prepareThreshold=0");
        try (HikariDataSource pool = ConnectionPool.open(url, "cruddur-server", 1, Workload.REQUESTS);
             Connection connection = pool.getConnection()) {
            assertThat(show(connection, "plan_cache_mode")).isEqualTo("auto");
            assertThat(show(connection, "statement_timeout")).isEqualTo("1500ms");
            assertThat(connection.unwrap(PGConnection.class).getPrepareThreshold()).isZero();
        }
    }

    @Test
    void theToolsKeepWhatTheUrlSays() throws SQLException {
        DatabaseUrl url = withQuery(database.url(), "options=-c%20statement_timeout%3D4321");
        try (HikariDataSource pool = ConnectionPool.open(url, "cruddur-cli", 1);
             Connection connection = pool.getConnection()) {
            assertThat(show(connection, "statement_timeout")).isEqualTo("4321ms");
            assertThat(connection.getNetworkTimeout()).isZero();
            assertThat(show(connection, "plan_cache_mode")).isEqualTo("auto");
        }
    }

    @Test
    void onlyTheNamedParametersLeaveTheUrl() {
        assertThat(ConnectionPool.withoutParameters("jdbc:postgresql://db:5432/cruddur?sslmode=require&options=-c%20x%3D1"
                + "&socketTimeout=9&ApplicationName=a", Set.of("options", "socketTimeout")))
                .isEqualTo("jdbc:postgresql://db:5432/cruddur?sslmode=require&ApplicationName=a");
        assertThat(ConnectionPool.withoutParameters("jdbc:postgresql://db/cruddur?socketTimeout=9", Set.of("socketTimeout")))
                .isEqualTo("jdbc:postgresql://db/cruddur");
    }

    private static DatabaseUrl withQuery(DatabaseUrl url, String query) {
        String jdbc = url.jdbcUrl();
        return new DatabaseUrl(jdbc + (jdbc.contains("?") ? "&" : "?") + query, url.user(), url.password());
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }
}
