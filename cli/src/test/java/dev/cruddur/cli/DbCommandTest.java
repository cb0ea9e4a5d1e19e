package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.activity.PurgeExpiredActivities;
import dev.cruddur.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The db subcommands against a real PostgreSQL, reached through DATABASE_URL as an operator would. */
class DbCommandTest {

    /** The migrations as files in the source tree, so a new one does not make this test out of date. */
    private static final MigrationFiles MIGRATIONS = MigrationFiles.in(Path.of("../core/src/main/resources/db/migration"));

    private TestDatabase database;
    private Map<String, String> env;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.empty();
        env = Map.of("DATABASE_URL", database.plainUrl());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void migrateSeedAndStatus() {
        CommandRun before = CommandRun.of(env, "db", "status");
        assertThat(before.exitCode()).isZero();
        assertThat(before.out()).contains("Schema version:     none").contains("Pending migrations: " + MIGRATIONS.count());

        CommandRun migrate = CommandRun.of(env, "db", "migrate");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("Applied " + MIGRATIONS.count() + " migration(s)");
        assertThat(CommandRun.of(env, "db", "migrate").out()).contains("Applied 0 migration(s)");

        assertThat(CommandRun.of(env, "db", "seed").exitCode()).isZero();
        assertThat(CommandRun.of(env, "db", "seed").exitCode()).isZero();

        CommandRun status = CommandRun.of(env, "db", "status");
        assertThat(status.out())
                .contains("Schema version:     " + MIGRATIONS.latest())
                .contains("Pending migrations: 0")
                .contains("Users:              2")
                .contains("Activities:         1 (1 visible, 0 expired)");
    }

    @Test
    void seedRefusesAnUnmigratedDatabase() {
        CommandRun seed = CommandRun.of(env, "db", "seed");
        assertThat(seed.exitCode()).isEqualTo(2);
        assertThat(seed.err()).contains("cruddur db migrate");
    }

    @Test
    void sessionsListsTheConnectedClients() {
        CommandRun.of(env, "db", "migrate");
        CommandRun sessions = CommandRun.of(env, "db", "sessions");
        assertThat(sessions.exitCode()).isZero();
        assertThat(sessions.out()).contains("PID").contains("APPLICATION").contains("cruddur-cli");
        assertThat(sessions.out()).containsPattern("\\d+ session\\(s\\)");
    }

    @Test
    void purgeExpiredDeletesOnlyWhatHasExpired() {
        CommandRun.of(env, "db", "migrate");
        CommandRun.of(env, "db", "seed");
        database.jdbi().useHandle(h -> h.execute("""
                INSERT INTO activities (user_uuid, message, created_at, expires_at)
                SELECT uuid, 'gone', now() - interval '2 days', now() - interval '1 day' FROM users LIMIT 1"""));

        CommandRun purge = CommandRun.of(env, "db", "purge-expired");
        assertThat(purge.out()).contains("Deleted 1 expired activity");
        assertThat(CommandRun.of(env, "db", "status").out()).contains("Activities:         1 (1 visible, 0 expired)");
    }

    @Test
    void purgeExpiredLeavesTheDatabaseToAProcessAlreadyPurgingIt() throws SQLException {
        CommandRun.of(env, "db", "migrate");
        CommandRun.of(env, "db", "seed");
        database.jdbi().useHandle(h -> h.execute("""
                INSERT INTO activities (user_uuid, message, created_at, expires_at)
                SELECT uuid, 'gone', now() - interval '2 days', now() - interval '1 day' FROM users"""));

        try (Connection server = database.dataSource().getConnection();
             Statement statement = server.createStatement()) {
            // What a running server holds while it purges.
            statement.execute("SELECT pg_advisory_lock(" + PurgeExpiredActivities.LOCK_KEY + ")");

            CommandRun skipped = CommandRun.of(env, "db", "purge-expired");
            assertThat(skipped.exitCode()).as(skipped.err()).isZero();
            assertThat(skipped.out()).contains("Another process (a running `cruddur serve`?) is purging").contains("nothing done");
            assertThat(CommandRun.of(env, "db", "status").out()).contains("(1 visible, 2 expired)");

            statement.execute("SELECT pg_advisory_unlock(" + PurgeExpiredActivities.LOCK_KEY + ")");
        }
        CommandRun purge = CommandRun.of(env, "db", "purge-expired");
        assertThat(purge.out()).contains("Deleted 2 expired activities");
        assertThat(CommandRun.of(env, "db", "status").out()).contains("(1 visible, 0 expired)");
    }

    @Test
    void resetRefusesWithoutYesAndDeletesNothing() {
        CommandRun.of(env, "db", "migrate");
        CommandRun.of(env, "db", "seed");

        CommandRun refused = CommandRun.of(env, "db", "reset");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes");
        assertThat(CommandRun.of(env, "db", "status").out()).contains("Users:              2");

        CommandRun reset = CommandRun.of(env, "db", "reset", "--yes");
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(CommandRun.of(env, "db", "status").out())
                .contains("Schema version:     " + MIGRATIONS.latest())
                .contains("Users:              0");

        assertThat(CommandRun.of(env, "db", "reset", "--yes", "--seed").out()).contains("Seed data loaded");
        assertThat(CommandRun.of(env, "db", "status").out()).contains("Users:              2");
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutThePassword() {
        CommandRun run = CommandRun.of(Map.of("DATABASE_URL", "postgresql://cruddur:s3cr3t-pw@127.0.0.1:1/cruddur"),
                "db", "status");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("cruddur: ").doesNotContain("s3cr3t-pw").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void aCaBundleThatIsNotThereStopsTheCommandBeforeAnyConnection() {
        CommandRun run = CommandRun.of(Map.of("DATABASE_URL", "postgresql://cruddur:s3cr3t-pw@db.example.com/cruddur",
                "DATABASE_CA_BUNDLE", "/nonexistent/global-bundle.pem"), "db", "status");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("cruddur: DATABASE_CA_BUNDLE names no readable file: /nonexistent/global-bundle.pem")
                .doesNotContain("s3cr3t-pw").doesNotContain("\tat ");
    }

    @Test
    void aMalformedDatabaseUrlIsExplained() {
        CommandRun run = CommandRun.of(Map.of("DATABASE_URL", "mysql://root:hunter2@db/x"), "db", "status");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("DATABASE_URL").contains("postgresql://").doesNotContain("hunter2");
    }
}
