package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cruddur serve}, as a user starts it, deletes expired cruds and their replies from the
 * tables by itself: nobody runs {@code db purge-expired}. The test waits for the server's own
 * log line, not for a length of time.
 */
class SelfDestructIT {

    @TempDir
    Path temp;

    @Test
    void aRunningServerDeletesExpiredCrudsWithNoOneAsking() throws Exception {
        ServeProcess server = ServeProcess.fromJar(temp.resolve("serve.log"))
                .dataDirectory(temp.resolve("data"))
                .serveArgument("--purge-interval").serveArgument("1s")
                .start();
        try (Connection sql = server.openDatabase()) {
            server.awaitLine("Expired cruds are purged every 1 s", Duration.ofSeconds(10));
            // One transaction, so that no purge comes between the crud and its replies.
            sql.setAutoCommit(false);
            String author = text(sql, """
                    INSERT INTO users (display_name, handle, email) VALUES ('Ann', 'ann', 'ann@example.com')
                    RETURNING uuid""");
            String crud = text(sql, """
                    INSERT INTO activities (user_uuid, message, created_at, expires_at)
                    VALUES ('%s', 'gone soon', now() - interval '2 hours', now() - interval '1 second')
                    RETURNING uuid""".formatted(author));
            List<String> expired = new ArrayList<>(List.of(crud));
            expired.add(text(sql, """
                    INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, reply_to_user_uuid, created_at, expires_at)
                    SELECT user_uuid, 'a reply', uuid, user_uuid, now() - interval '1 hour', expires_at
                    FROM activities WHERE uuid = '%s'
                    RETURNING uuid""".formatted(crud)));
            expired.add(text(sql, """
                    INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, reply_to_user_uuid, created_at, expires_at)
                    SELECT user_uuid, 'a reply to the reply', uuid, user_uuid, now() - interval '30 minutes', expires_at
                    FROM activities WHERE uuid = '%s'
                    RETURNING uuid""".formatted(expired.get(1))));
            String live = text(sql, """
                    INSERT INTO activities (user_uuid, message, expires_at)
                    VALUES ('%s', 'still here', now() + interval '1 hour')
                    RETURNING uuid""".formatted(author));
            sql.commit();
            sql.setAutoCommit(true);

            server.awaitLine("Purged 3 expired activities", Duration.ofSeconds(60));

            assertThat(count(sql, expired)).as("expired rows left in the table").isZero();
            assertThat(count(sql, List.of(live))).isEqualTo(1);
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(30))).contains(143);
            assertThat(server.output()).containsPattern("Stopped in \\d+ ms");
        } finally {
            server.close();
        }
    }

    private static String text(Connection sql, String query) throws SQLException {
        try (Statement statement = sql.createStatement(); ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }

    private static long count(Connection sql, List<String> uuids) throws SQLException {
        try (PreparedStatement query = sql.prepareStatement("SELECT count(*) FROM activities WHERE uuid = ANY (?::uuid[])")) {
            Array array = sql.createArrayOf("text", uuids.toArray());
            query.setArray(1, array);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
