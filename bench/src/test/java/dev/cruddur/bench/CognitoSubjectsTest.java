package dev.cruddur.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The users the benchmark signs in as, read from a generated dataset in a real migrated database. */
class CognitoSubjectsTest {

    private static TestDatabase database;

    @BeforeAll
    static void generate() throws Exception {
        database = TestDatabase.migrated();
        try (Connection connection = database.dataSource().getConnection()) {
            GenerateData.generate(connection, GeneratorOptions.defaults(40, 200).withReset(true), Instant.now(),
                    line -> { });
        }
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void theFirstUsersWithACognitoIdentityInTheOrderRunShNumbersThem() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            List<String> subjects = CognitoSubjects.first(connection, 16);

            // bench/run.sh's pick_notified_user numbers the same users with this window.
            List<String> numbered = strings(connection, "SELECT cognito_user_id FROM (SELECT cognito_user_id,"
                    + " row_number() OVER (ORDER BY created_at, uuid) AS n"
                    + " FROM users WHERE cognito_user_id IS NOT NULL) m WHERE n <= 16 ORDER BY n");
            assertThat(subjects).hasSize(16).doesNotHaveDuplicates().containsExactlyElementsOf(numbered);
        }
    }

    @Test
    void asksForNoMoreThanThereAre() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            // 40 users, 90 % of them with a Cognito identity.
            assertThat(CognitoSubjects.first(connection, 1_000)).hasSize(36);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
