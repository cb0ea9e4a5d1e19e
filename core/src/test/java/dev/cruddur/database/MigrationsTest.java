package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testing.TestDatabase;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void applyToAnEmptyDatabaseAndThenAreANoOp() {
        try (TestDatabase db = TestDatabase.empty()) {
            Flyway flyway = Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").load();
            assertThat(flyway.migrate().migrationsExecuted).isGreaterThanOrEqualTo(2);
            assertThat(flyway.migrate().migrationsExecuted).isZero();
            int tables = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('users', 'activities')")
                    .mapTo(Integer.class).one());
            assertThat(tables).isEqualTo(2);
        }
    }

    @Test
    void theHashtagTableIsFilledForCrudsWrittenBeforeIt() {
        try (TestDatabase db = TestDatabase.empty()) {
            // The schema just before the hashtag table (whichever migration that is), with cruds in it.
            String before = Arrays.stream(Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").load()
                            .info().all())
                    .map(MigrationInfo::getVersion)
                    .filter(v -> v.compareTo(MigrationVersion.fromVersion("6")) < 0)
                    .max(MigrationVersion::compareTo)
                    .orElseThrow()
                    .getVersion();
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target(before).load().migrate();
            db.jdbi().useHandle(h -> h.execute("""
                    INSERT INTO users (uuid, display_name, handle, email)
                    VALUES ('00000000-0000-4000-8000-000000000001', 'Alice', 'alice', 'alice@example.com');
                    INSERT INTO activities (uuid, user_uuid, message, reply_to_activity_uuid, reply_to_user_uuid, created_at, expires_at)
                    VALUES ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000001',
                            '#Old crud, #old again and #Other_1', NULL, NULL, '2026-01-01T00:00:00Z', now() + interval '1 day'),
                           ('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-000000000001',
                            'a reply #old', '00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000001',
                            '2026-01-02T00:00:00Z', now() + interval '1 day'),
                           ('00000000-0000-4000-8000-00000000000c', '00000000-0000-4000-8000-000000000001',
                            'no tags x#y', NULL, NULL, '2026-01-03T00:00:00Z', now() + interval '1 day')"""));

            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("6").load().migrate();

            List<String> rows = db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT tag || ' ' || created_at || ' ' || activity_uuid FROM activity_hashtags ORDER BY tag")
                    .mapTo(String.class).list());
            String created = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT created_at::text FROM activities WHERE uuid = '00000000-0000-4000-8000-00000000000a'").mapTo(String.class).one());
            assertThat(rows).containsExactly(
                    "old " + created + " 00000000-0000-4000-8000-00000000000a",
                    "other_1 " + created + " 00000000-0000-4000-8000-00000000000a");

            // Later the rows carry their crud's expiry, and only tags written in ASCII stay.
            db.jdbi().useHandle(h -> h.execute("""
                    INSERT INTO activities (uuid, user_uuid, message, created_at, expires_at)
                    VALUES ('00000000-0000-4000-8000-00000000000d', '00000000-0000-4000-8000-000000000001',
                            '#café #Fine', '2026-01-04T00:00:00Z', now() + interval '2 days')"""));
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").load().migrate();

            List<String> latest = db.jdbi().withHandle(h -> h.createQuery("""
                            SELECT h.tag || ' ' || (h.expires_at = a.expires_at) FROM activity_hashtags h
                            JOIN activities a ON a.uuid = h.activity_uuid ORDER BY h.tag""")
                    .mapTo(String.class).list());
            assertThat(latest).containsExactly("fine true", "old true", "other_1 true");
        }
    }
}
