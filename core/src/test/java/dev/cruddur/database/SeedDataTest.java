package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each test gets its own database: the seed is about what an empty or a used database ends up with. */
class SeedDataTest {

    private static final String SEED_MESSAGE = "This was imported as seed data!";

    private TestDatabase db;
    private TestData data;

    @BeforeEach
    void freshDatabase() {
        db = TestDatabase.migrated();
        data = new TestData(db.jdbi());
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    @Test
    void seedsTheTwoUsersAndOneCrudOfTheOriginalApp() {
        new SeedData(db.jdbi()).apply();

        List<String> handles = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT handle || ' ' || display_name || ' ' || email FROM users ORDER BY handle")
                .mapTo(String.class).list());
        assertThat(handles).containsExactly(
                "andrewbayko Andrew Bayko bayko@exampro.co",
                "andrewbrown Andrew Brown andrew@exampro.co");
        List<String> cruds = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT u.handle || ': ' || a.message
                FROM activities a JOIN users u ON u.uuid = a.user_uuid""").mapTo(String.class).list());
        assertThat(cruds).containsExactly("andrewbrown: " + SEED_MESSAGE);
    }

    @Test
    void runningItTwiceAddsNothing() {
        new SeedData(db.jdbi()).apply();
        new SeedData(db.jdbi()).apply();

        assertThat(data.count("SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(data.count("SELECT count(*) FROM activities")).isEqualTo(1);
    }

    @Test
    void theSeedCrudExpiresTenDaysFromNow() {
        new SeedData(db.jdbi()).apply();

        Map<String, Object> row = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT extract(epoch FROM expires_at - now()) AS expires_in,
                       extract(epoch FROM now() - created_at) AS age,
                       reply_to_activity_uuid IS NULL AS top_level
                FROM activities""").mapToMap().one());
        double expiresIn = ((Number) row.get("expires_in")).doubleValue();
        assertThat(expiresIn).isCloseTo(Duration.ofDays(10).toSeconds(), within(60.0));
        assertThat(((Number) row.get("age")).doubleValue()).isBetween(0.0, 60.0);
        assertThat(row.get("top_level")).isEqualTo(true);
    }

    @Test
    void aUserWithTheSameHandleInAnotherCaseIsNeitherDuplicatedNorAnError() {
        data.user("AndrewBrown");

        new SeedData(db.jdbi()).apply();
        new SeedData(db.jdbi()).apply();

        List<String> handles = db.jdbi().withHandle(h -> h.createQuery("SELECT handle FROM users ORDER BY handle")
                .mapTo(String.class).list());
        assertThat(handles).containsExactly("AndrewBrown", "andrewbayko");
        List<String> cruds = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT u.handle || ': ' || a.message
                FROM activities a JOIN users u ON u.uuid = a.user_uuid""").mapTo(String.class).list());
        assertThat(cruds).containsExactly("AndrewBrown: " + SEED_MESSAGE);
    }
}
