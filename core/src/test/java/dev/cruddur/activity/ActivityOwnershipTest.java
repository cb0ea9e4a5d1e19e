package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The rule that lets the purge delete everything a crud owns without knowing every table: a
 * table whose rows belong to an activity references it with {@code ON DELETE CASCADE}, and has
 * an index that starts with the referencing column (without one, each deleted activity would
 * cost PostgreSQL a scan of that table to find what to cascade to).
 */
class ActivityOwnershipTest {

    /** The foreign keys into activities that break the rule, as "table.constraint: why". */
    private static List<String> brokenReferences(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT c.conrelid::regclass::text || '.' || c.conname || ': '
                       || CASE WHEN c.confdeltype <> 'c' THEN 'not ON DELETE CASCADE' ELSE 'no index starts with its column' END
                FROM pg_constraint c
                WHERE c.contype = 'f'
                  AND c.confrelid = 'activities'::regclass
                  AND (c.confdeltype <> 'c'
                       OR NOT EXISTS (SELECT 1 FROM pg_index i
                                      WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]))
                ORDER BY 1""").mapTo(String.class).list());
    }

    @Test
    void everyTableThatReferencesActivitiesGoesWithThem() {
        try (TestDatabase db = TestDatabase.migrated()) {
            assertThat(brokenReferences(db.jdbi())).isEmpty();
        }
    }

    /** A later feature's table that follows the rule is purged with its crud, with no change to the purge. */
    @Test
    void aTableThatFollowsTheRuleIsPurgedWithItsCrud() {
        try (TestDatabase db = TestDatabase.migrated()) {
            TestData data = new TestData(db.jdbi());
            UUID alice = data.user("alice");
            UUID expired = data.expiredCrud(alice, "expired");
            UUID live = data.crud(alice, "live", Duration.ofMinutes(1));
            db.jdbi().useHandle(h -> {
                h.execute("""
                        CREATE TABLE likes (
                            activity_uuid uuid NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
                            user_uuid     uuid NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
                            PRIMARY KEY (activity_uuid, user_uuid))""");
                h.execute("INSERT INTO likes VALUES (?, ?), (?, ?)", expired, alice, live, alice);
            });

            PurgeRun run = new PurgeExpiredActivities(db.jdbi()).purge();

            assertThat(run.deleted()).isEqualTo(1);
            assertThat(data.count("SELECT count(*) FROM likes WHERE activity_uuid = '" + expired + "'")).isZero();
            assertThat(data.count("SELECT count(*) FROM likes WHERE activity_uuid = '" + live + "'")).isEqualTo(1);
            assertThat(brokenReferences(db.jdbi())).isEmpty();
        }
    }

    @Test
    void aTableThatWouldOutliveItsCrudIsCaught() {
        try (TestDatabase db = TestDatabase.migrated()) {
            db.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE kept_likes (activity_uuid uuid NOT NULL REFERENCES activities (uuid))");
                h.execute("CREATE TABLE unindexed_likes (activity_uuid uuid NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE)");
            });

            assertThat(brokenReferences(db.jdbi())).containsExactly(
                    "kept_likes.kept_likes_activity_uuid_fkey: not ON DELETE CASCADE",
                    "unindexed_likes.unindexed_likes_activity_uuid_fkey: no index starts with its column");
        }
    }
}
