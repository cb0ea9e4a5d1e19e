package dev.cruddur.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.activity.Activity;
import dev.cruddur.activity.ActivityFeeds;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.activity.Reader;
import dev.cruddur.activity.SearchTerm;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.user.Users;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A small dataset, generated into a real migrated database and checked row by row with SQL. */
class GenerateDataTest {

    private static final GeneratorOptions OPTIONS = GeneratorOptions.defaults(40, 2_000).withReset(true);

    private static TestDatabase database;
    private static DatasetPlan plan;

    @BeforeAll
    static void generate() throws Exception {
        database = TestDatabase.migrated();
        // Twice: --reset must leave the same dataset, not twice the rows or a constraint error.
        plan = generateOnce();
        plan = generateOnce();
    }

    private static DatasetPlan generateOnce() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            return GenerateData.generate(connection, OPTIONS, Instant.now(), line -> { });
        }
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void writesTheRequestedNumbersOfUsersCrudsAndReplies() {
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(40);
        assertThat(count("SELECT count(*) FROM activities")).isEqualTo(2_000);
        assertThat(count("SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NULL")).isEqualTo(1_600);
        assertThat(count("SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NOT NULL")).isEqualTo(400);
    }

    @Test
    void mostUsersHaveACognitoIdentityForTheAuthenticatedScenarios() {
        assertThat(count("SELECT count(*) FROM users WHERE cognito_user_id IS NOT NULL")).isEqualTo(36);
        assertThat(count("SELECT count(DISTINCT lower(handle)) FROM users")).isEqualTo(40);
    }

    @Test
    void everyRepliesCountEqualsTheRepliesThatPointAtTheCrud() {
        assertThat(count("""
                SELECT count(*) FROM activities p
                WHERE p.replies_count <> (SELECT count(*) FROM activities r WHERE r.reply_to_activity_uuid = p.uuid)""")).isZero();
        assertThat(count("SELECT sum(replies_count) FROM activities")).isEqualTo(400);
    }

    @Test
    void repliesCarryTheirParentsAuthorAndExpiryAndComeAfterIt() {
        assertThat(count("""
                SELECT count(*) FROM activities r JOIN activities p ON p.uuid = r.reply_to_activity_uuid
                WHERE r.reply_to_user_uuid IS DISTINCT FROM p.user_uuid
                   OR r.expires_at <> p.expires_at
                   OR r.created_at < p.created_at
                   OR p.reply_to_activity_uuid IS NOT NULL""")).isZero();
    }

    @Test
    void aKnownShareHasAlreadyExpiredAndTheRestOutlivesTheBenchmark() {
        assertThat(count("SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NULL AND expires_at <= now()"))
                .isEqualTo(GenerateData.countExpired(plan))
                .isEqualTo(80);
        assertThat(count("""
                SELECT count(*) FROM activities
                WHERE reply_to_activity_uuid IS NULL AND expires_at > now() AND expires_at < now() + interval '23 hours'""")).isZero();
        // None of the expired cruds may surface through the feeds.
        assertThat(count("SELECT count(*) FROM visible_activities WHERE reply_to_activity_uuid IS NULL")).isEqualTo(1_520);
    }

    @Test
    void createdAtIsSpreadOverThePastWeeks() {
        assertThat(count("SELECT count(*) FROM activities WHERE created_at > now()")).isZero();
        assertThat(count("SELECT count(DISTINCT date_trunc('day', created_at)) FROM activities")).isGreaterThanOrEqualTo(28);
    }

    @Test
    void messagesVaryInLengthUpTo280CodePoints() {
        assertThat(count("SELECT min(char_length(message)) FROM activities")).isBetween(1L, 5L);
        assertThat(count("SELECT max(char_length(message)) FROM activities")).isBetween(270L, 280L);
        assertThat(count("SELECT count(DISTINCT char_length(message)) FROM activities")).isGreaterThan(200);
        assertThat(count("SELECT count(*) FROM activities WHERE message <> btrim(message)")).isZero();
        assertThat(count("SELECT count(*) FROM activities WHERE octet_length(message) > char_length(message)"))
                .as("some messages have accents or emoji").isPositive();
    }

    @Test
    void theKnownHashtagIsInTwoPercentOfTheCrudsAndSearchFindsThem() {
        String pattern = new SearchTerm(GeneratorOptions.HASHTAG).pattern();
        long tagged = database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NULL AND message ~* :pattern")
                .bind("pattern", pattern).mapTo(Long.class).one());
        assertThat(tagged).isEqualTo(GenerateData.countTagged(plan)).isEqualTo(32);
        assertThat(count("SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NOT NULL AND message ~* '#cruddur'")).isZero();

        ActivityFeeds feeds = new ActivityFeeds(database.jdbi(), new Users(database.jdbi()));
        List<Activity> found = feeds.search(Reader.ANONYMOUS, new SearchTerm(GeneratorOptions.HASHTAG), PageRequest.first(100)).items();
        assertThat(found).isNotEmpty().allSatisfy(a -> assertThat(a.message()).containsIgnoringCase("#cruddur"));
    }

    @Test
    void theSearchScenariosHashtagsAreInTheirSharesAndInTheHashtagTable() {
        // 1,600 cruds: 20 % and 2 %; 0.002 % of 1,600 rounds down to none.
        assertThat(GenerateData.countTagged(plan, GeneratorOptions.COMMON_HASHTAG)).isEqualTo(320);
        assertThat(GenerateData.countTagged(plan, GeneratorOptions.HASHTAG)).isEqualTo(32);
        assertThat(GenerateData.countTagged(plan, GeneratorOptions.RARE_HASHTAG)).isZero();
        assertThat(GeneratorOptions.count(800_000, GeneratorOptions.RARE_HASHTAG_SHARE)).isEqualTo(16);
        // The COPY filled the hashtag table through its trigger: a row per tagged crud.
        assertThat(count("SELECT count(*) FROM activity_hashtags WHERE tag = 'trending'")).isEqualTo(320);
        assertThat(count("SELECT count(*) FROM activity_hashtags WHERE tag = 'cruddur'")).isEqualTo(32);
        assertThat(count("""
                SELECT count(*) FROM activities a
                WHERE a.reply_to_activity_uuid IS NULL AND a.message ~* '(^|[^[:alnum:]_])#trending($|[^[:alnum:]_])'""")).isEqualTo(320);

        // None of the common tag's cruds has expired (the rare one is checked at full size in the benchmark).
        assertThat(count("SELECT count(*) FROM activity_hashtags h JOIN visible_activities v ON v.uuid = h.activity_uuid"
                + " WHERE h.tag = 'trending'")).isEqualTo(320);

        ActivityFeeds feeds = new ActivityFeeds(database.jdbi(), new Users(database.jdbi()));
        List<Activity> found = feeds.search(Reader.ANONYMOUS, new SearchTerm(GeneratorOptions.COMMON_HASHTAG), PageRequest.first(20)).items();
        assertThat(found).hasSize(20).allSatisfy(a -> assertThat(a.message()).contains(GeneratorOptions.COMMON_HASHTAG));
    }

    @Test
    void oneHotCrudIsVisibleAndHasTheMostReplies() {
        String hot = plan.cruds[plan.hotCrud].toString();
        long hotReplies = database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT replies_count FROM visible_activities WHERE uuid = CAST(:uuid AS uuid)")
                .bind("uuid", hot).mapTo(Long.class).one());
        assertThat(hotReplies).isEqualTo(count("SELECT max(replies_count) FROM activities")).isGreaterThan(20);
    }

    @Test
    void theIndexesDroppedForTheLoadAreAllBack() {
        List<String> indexes = database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT indexname FROM pg_indexes WHERE tablename = 'activities' ORDER BY indexname")
                .mapTo(String.class).list());
        assertThat(indexes).containsExactly("activities_expires_at_idx", "activities_home_idx", "activities_message_trgm_idx",
                        "activities_pkey", "activities_replies_idx", "activities_user_idx");
    }

    private static long count(String sql) {
        return database.jdbi().withHandle((Handle h) -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
