package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a stream of posts from several clients, then a restart on the
 * same data directory: every post the server answered 201 is there, and nothing half-written is
 * (each crud's replies_count is the number of its replies).
 */
class CrashIT {

    private static final int CLIENTS = 4;
    private static final String RECOVERY = "database system was not properly shut down; automatic recovery in progress";

    @TempDir
    Path temp;

    private final List<ServeProcess> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        ServeProcess.closeAll(processes);
    }

    /**
     * Only the JVM dies. Its PostgreSQL runs on, holding the data directory: the next start stops
     * it (a fast, clean shutdown) instead of failing on "postmaster.pid already exists".
     */
    @Test
    void afterTheJvmIsKilledTheRestartStopsItsLeftoverDatabaseAndEveryAnsweredPostIsThere() throws Exception {
        Path data = temp.resolve("data");
        Crash crash = postThenKill(data, false);
        assertThat(crash.postmaster().isAlive()).as("the killed JVM's PostgreSQL runs on").isTrue();

        ServeProcess restarted = started(data, "serve-2.log");

        assertThat(restarted.output()).contains("Stopped the embedded PostgreSQL (pid " + crash.postmaster().pid()
                + ") that an earlier cruddur process left running on");
        assertThat(crash.postmaster().isAlive()).isFalse();
        assertThat(postgresLog(data)).doesNotContain(RECOVERY);
        assertEverythingAnsweredIsThere(restarted, crash.stream());
    }

    /** The JVM and every PostgreSQL process die at once: PostgreSQL's crash recovery brings back every commit. */
    @Test
    void afterTheJvmAndTheDatabaseAreKilledRecoveryBringsBackEveryAnsweredPost() throws Exception {
        Path data = temp.resolve("data");
        Crash crash = postThenKill(data, true);

        ServeProcess restarted = started(data, "serve-2.log");

        assertThat(postgresLog(data)).contains(RECOVERY);
        assertEverythingAnsweredIsThere(restarted, crash.stream());
    }

    /** The leftover check never stops the database of a cruddur that is alive: a second serve fails instead. */
    @Test
    void aSecondServeOnTheSameDataDirectoryFailsAndLeavesTheRunningOneAlone() throws Exception {
        Path data = temp.resolve("data");
        ServeProcess running = started(data, "serve-1.log");
        ProcessHandle postmaster = ServeProcess.postmaster(data).orElseThrow();

        ServeProcess second = ServeProcess.fromJar(temp.resolve("serve-2.log")).dataDirectory(data).launch();
        processes.add(second);
        assertThat(second.awaitExit(Duration.ofSeconds(60))).contains(1);

        assertThat(second.output()).contains("Is another cruddur process using this data directory?")
                .doesNotContain("Stopped the embedded PostgreSQL");
        assertThat(postmaster.isAlive()).isTrue();
        assertThat(running.api().get("/api/health-check").status()).isEqualTo(200);
    }

    private record Crash(PostStream stream, ProcessHandle postmaster) {
    }

    private Crash postThenKill(Path data, boolean databaseToo) throws Exception {
        ServeProcess server = started(data, "serve-1.log");
        ApiClient api = server.api();
        AccountClient accounts = server.accounts();
        List<String> tokens = List.of(accounts.create("crash_a@example.com", "Tester crash_a", "crash_a"),
                accounts.create("crash_b@example.com", "Tester crash_b", "crash_b"));
        List<String> parents = new ArrayList<>();
        for (String token : tokens) {
            parents.add(api.postCrud(token, "a crud to reply to", "7-days"));
        }
        ProcessHandle postmaster = ServeProcess.postmaster(data).orElseThrow();

        PostStream stream = new PostStream(api, tokens, parents, CLIENTS);
        // Kill mid-stream: the clients are still posting, one request each in flight.
        stream.awaitAnswered(60, Duration.ofSeconds(60));
        server.kill();
        if (databaseToo) {
            List<ProcessHandle> postgres = new ArrayList<>(postmaster.descendants().toList());
            postgres.add(postmaster);
            postgres.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle process : postgres) {
                process.onExit().get(30, TimeUnit.SECONDS);
            }
        }
        stream.stop();
        assertThat(stream.unexpected()).as("answers other than 201 before the kill").isEmpty();
        System.out.printf("%nCrashIT: %d posts answered 201 before kill -9 (database killed too: %s)%n",
                stream.answered().size(), databaseToo);
        return new Crash(stream, postmaster);
    }

    private void assertEverythingAnsweredIsThere(ServeProcess server, PostStream stream) throws Exception {
        Set<String> answered = stream.answered();
        ApiClient api = server.api();
        for (String uuid : answered) {
            assertThat(api.get("/api/activities/" + uuid).status()).as("GET /api/activities/%s", uuid).isEqualTo(200);
        }
        try (Connection sql = server.openDatabase()) {
            // Durable commits (zonky's test defaults turn fsync off), torn pages repaired on recovery.
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                assertThat(text(sql, "SELECT current_setting('" + setting + "')")).as(setting).isEqualTo("on");
            }
            assertThat(stored(sql, answered)).isEqualTo(answered);
            // At most one post per client was committed without its answer reaching the client.
            long posted = single(sql, """
                    SELECT count(*) FROM activities a JOIN users u ON u.uuid = a.user_uuid
                    WHERE u.handle IN ('crash_a', 'crash_b') AND a.message <> 'a crud to reply to'""");
            assertThat(posted).isBetween((long) answered.size(), (long) answered.size() + CLIENTS);
            // A reply and its parent's count are one statement: both or neither.
            assertThat(single(sql, """
                    SELECT count(*) FROM activities p
                    WHERE p.replies_count <> (SELECT count(*) FROM activities r WHERE r.reply_to_activity_uuid = p.uuid)
                    """)).as("cruds whose replies_count is not their number of replies").isZero();
            Map<String, String> replies = stream.answeredReplies();
            assertThat(replies).isNotEmpty();
            for (String parent : new HashSet<>(replies.values())) {
                long answeredReplies = replies.values().stream().filter(parent::equals).count();
                assertThat(single(sql, "SELECT replies_count FROM activities WHERE uuid = '" + parent + "'"))
                        .isGreaterThanOrEqualTo(answeredReplies);
            }
        }
    }

    private static Set<String> stored(Connection sql, Set<String> uuids) throws SQLException {
        try (PreparedStatement query = sql.prepareStatement(
                "SELECT uuid::text FROM activities WHERE uuid = ANY (?::uuid[])")) {
            Array array = sql.createArrayOf("text", uuids.toArray());
            query.setArray(1, array);
            Set<String> found = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }

    private static String text(Connection sql, String query) throws SQLException {
        try (PreparedStatement statement = sql.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long single(Connection sql, String query) throws SQLException {
        try (PreparedStatement statement = sql.prepareStatement(query); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private ServeProcess started(Path data, String logName) throws IOException, InterruptedException {
        ServeProcess process = ServeProcess.fromJar(temp.resolve(logName)).dataDirectory(data).launch();
        processes.add(process);
        process.awaitListening();
        return process;
    }

    static String postgresLog(Path data) throws IOException {
        return Files.readString(data.resolve("postgres.log"), StandardCharsets.UTF_8);
    }
}
