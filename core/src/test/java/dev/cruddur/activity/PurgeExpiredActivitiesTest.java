package dev.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PurgeExpiredActivitiesTest {

    private static TestDatabase db;
    private static TestData data;
    private static PurgeExpiredActivities purge;
    private static UUID alice;
    private static UUID bob;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated();
        data = new TestData(db.jdbi());
        purge = new PurgeExpiredActivities(db.jdbi());
        alice = data.user("alice");
        bob = data.user("bob");
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void noActivities() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM activities"));
    }

    private static List<String> remaining() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT message FROM activities ORDER BY message")
                .mapTo(String.class).list());
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }

    @Test
    void deletesOnlyExpiredCrudsAndTheirRepliesAndCountsThem() {
        UUID live = data.crud(alice, "live", minutes(30));
        data.reply(bob, live, "live reply", minutes(10));
        UUID soonGone = data.activity(alice, "expires in a minute", null, minutes(30), minutes(1));
        UUID expired = data.expiredCrud(alice, "expired");
        data.reply(bob, expired, "expired reply 1", minutes(100));
        UUID nested = data.reply(alice, expired, "expired reply 2", minutes(90));
        data.reply(bob, nested, "expired reply to a reply", minutes(80));
        data.expiredCrud(bob, "expired alone");
        data.activity(bob, "expired long ago", null, Duration.ofDays(40), Duration.ofDays(-10));

        long deleted = purge.purge();

        assertThat(deleted).isEqualTo(6);
        assertThat(remaining()).containsExactly("expires in a minute", "live", "live reply");
        assertThat(data.count("SELECT count(*) FROM activities WHERE uuid = '" + soonGone + "'")).isEqualTo(1);
    }

    @Test
    void secondRunFindsNothing() {
        data.expiredCrud(alice, "expired");
        data.crud(alice, "live", minutes(1));

        assertThat(purge.purge()).isEqualTo(1);
        assertThat(purge.purge()).isZero();
        assertThat(remaining()).containsExactly("live");
    }

    @Test
    void nothingExpiredDeletesNothing() {
        UUID live = data.crud(alice, "live", minutes(1));
        data.reply(bob, live, "reply", minutes(0));

        assertThat(purge.purge()).isZero();
        assertThat(remaining()).containsExactly("live", "reply");
    }

    @Test
    void readersSeeTheSameBeforeAndAfter() {
        UUID live = data.crud(alice, "live", minutes(5));
        data.reply(bob, live, "reply", minutes(1));
        data.expiredCrud(alice, "expired");
        long visibleBefore = data.count("SELECT count(*) FROM visible_activities");

        purge.purge();

        assertThat(data.count("SELECT count(*) FROM visible_activities")).isEqualTo(visibleBefore).isEqualTo(2);
    }

    /**
     * More expired rows than one batch holds, with a crud and its replies (same expiry, as
     * always) straddling the batch boundary: every row is deleted and every row is counted.
     * (The batch holds 10 000 rows: 9 999 older ones and one of the six tied ones, in practice
     * the crud, which was written first; its replies then used to vanish by cascade, uncounted.)
     */
    @Test
    void countsEveryRowAcrossBatches() {
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO activities (user_uuid, message, created_at, expires_at)
                SELECT :alice, 'bulk ' || i, now() - interval '3 hours', now() - interval '2 hours'
                FROM generate_series(1, 9999) AS i""").bind("alice", alice).execute());
        UUID straddling = data.expiredCrud(bob, "straddling");
        for (int i = 0; i < 5; i++) {
            data.reply(alice, straddling, "straddling reply " + i, minutes(90));
        }
        data.crud(alice, "live", minutes(1));
        assertThat(data.count("SELECT count(*) FROM activities WHERE expires_at <= now()")).isEqualTo(10_005);

        long deleted = purge.purge();

        assertThat(remaining()).containsExactly("live");
        assertThat(deleted).isEqualTo(10_005);
    }
}
