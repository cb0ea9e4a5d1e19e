package dev.cruddur.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.activity.Activity;
import dev.cruddur.activity.ActivityFeeds;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.activity.Reader;
import dev.cruddur.activity.SearchTerm;
import dev.cruddur.bench.GeneratorOptions.Social;
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

    /** Small social sizes: 6,000 likes, 200 reposts, follows of 5–15, a light reader of 3, heavy readers of 30. */
    private static final Social SOCIAL = new Social(6_000, 200, 5, 15, 3, 2, 30, 2, 0.5, 300, 8);
    private static final GeneratorOptions OPTIONS = GeneratorOptions.defaults(40, 2_000).withSocial(SOCIAL).withReset(true);
    private static final Instant NOW = Instant.now();
    /** What the tables the triggers fill hold, compared without the notifications' random uuids. */
    private static final String FEED_ENTRIES = "SELECT poster_uuid, created_at, activity_uuid, expires_at, reposted FROM ";
    private static final String NOTIFICATIONS =
            "SELECT recipient_uuid, created_at, kind, actor_uuid, activity_uuid, expires_at FROM ";
    private static final String HASHTAGS = "SELECT tag, created_at, activity_uuid, expires_at FROM ";

    private static TestDatabase database;
    private static DatasetPlan plan;
    private static List<String> migratedIndexes;

    @BeforeAll
    static void generate() throws Exception {
        database = TestDatabase.migrated();
        migratedIndexes = indexesAndTriggers();
        // First without --reset: plain COPY, with every row trigger on, as the API writes. What
        // the triggers made is kept aside, to hold the bulk load's derived rows against.
        try (Connection connection = database.dataSource().getConnection()) {
            GenerateData.generate(connection, OPTIONS.withReset(false), NOW, line -> { });
        }
        database.jdbi().useHandle(h -> {
            h.execute("CREATE TABLE triggered_feed_entries AS " + FEED_ENTRIES + "feed_entries");
            h.execute("CREATE TABLE triggered_notifications AS " + NOTIFICATIONS + "notifications");
            h.execute("CREATE TABLE triggered_hashtags AS " + HASHTAGS + "activity_hashtags");
        });
        // Twice: --reset must leave the same dataset, not twice the rows or a constraint error.
        plan = generateOnce();
        plan = generateOnce();
    }

    private static DatasetPlan generateOnce() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            return GenerateData.generate(connection, OPTIONS, NOW, line -> { });
        }
    }

    private static List<String> indexesAndTriggers() {
        return database.jdbi().withHandle(h -> h.createQuery("""
                SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL
                SELECT t.tgname || ' on ' || t.tgrelid::regclass || ': ' || t.tgenabled::text
                FROM pg_trigger t WHERE NOT t.tgisinternal
                ORDER BY 1""").mapTo(String.class).list());
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

    @Test
    void theBulkLoadDerivesExactlyTheRowsTheTriggersMake() {
        assertThat(count("SELECT count(*) FROM feed_entries")).isEqualTo(1_600 + 200);
        assertThat(count("SELECT count(*) FROM notifications")).isPositive();
        for (String[] pair : new String[][] {
                {FEED_ENTRIES + "feed_entries", FEED_ENTRIES + "triggered_feed_entries"},
                {NOTIFICATIONS + "notifications", NOTIFICATIONS + "triggered_notifications"},
                {HASHTAGS + "activity_hashtags", HASHTAGS + "triggered_hashtags"}}) {
            assertThat(count("SELECT count(*) FROM (" + pair[0] + " EXCEPT ALL " + pair[1] + ") x")).as(pair[0]).isZero();
            assertThat(count("SELECT count(*) FROM (" + pair[1] + " EXCEPT ALL " + pair[0] + ") x")).as(pair[1]).isZero();
        }
    }

    @Test
    void theIndexesKeysAndTriggersSetAsideForTheLoadAreAllBack() {
        assertThat(indexesAndTriggers()).isEqualTo(migratedIndexes);
        assertThat(migratedIndexes).anyMatch(s -> s.startsWith("activity_posted on activities: O"))
                .anyMatch(s -> s.contains("notifications_pkey"));
    }

    @Test
    void followsAreDistinctNeverOfOneselfAndTheirCountsEqualTheRows() {
        assertThat(count("SELECT count(*) FROM follows WHERE follower_uuid = followee_uuid")).isZero();
        assertThat(count("SELECT count(*) FROM users u"
                + " WHERE following_count <> (SELECT count(*) FROM follows f WHERE f.follower_uuid = u.uuid)"
                + " OR followers_count <> (SELECT count(*) FROM follows f WHERE f.followee_uuid = u.uuid)")).isZero();
        assertThat(count("SELECT count(*) FROM follows")).isEqualTo(plan.followees.length);
        assertThat(count("SELECT min(following_count) FROM users WHERE uuid <> " + user(Social.LIGHT_READER)))
                .isGreaterThanOrEqualTo(5);
        assertThat(count("SELECT following_count FROM users WHERE uuid = " + user(Social.LIGHT_READER))).isEqualTo(3);
        assertThat(count("SELECT following_count FROM users WHERE uuid = " + user(Social.HEAVY_READER))).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM users WHERE following_count = 30")).isEqualTo(2);
        // The celebrities: the most followed, by about half of everyone.
        assertThat(count("SELECT max(followers_count) FROM users")).isGreaterThan(15);
    }

    @Test
    void likesAndRepostsAreDistinctNeverOnOnesOwnCrudAndTheirCountsEqualTheRows() {
        assertThat(count("SELECT count(*) FROM reactions WHERE kind = 'like'")).isEqualTo(6_000);
        assertThat(count("SELECT count(*) FROM reactions WHERE kind = 'repost'")).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM (SELECT DISTINCT activity_uuid, user_uuid, kind FROM reactions) d"))
                .isEqualTo(6_200);
        assertThat(count("SELECT count(*) FROM reactions r JOIN activities a ON a.uuid = r.activity_uuid"
                + " WHERE a.user_uuid = r.user_uuid OR a.reply_to_activity_uuid IS NOT NULL"
                + " OR r.created_at < a.created_at OR r.created_at > now()")).isZero();
        assertThat(count("SELECT count(*) FROM reactions r JOIN activities a ON a.uuid = r.activity_uuid"
                + " WHERE r.kind = 'repost' AND a.expires_at <= now()")).as("reposts of visible cruds only").isZero();
        assertThat(count("""
                SELECT count(*) FROM activities a
                WHERE likes_count <> (SELECT count(*) FROM reactions r WHERE r.activity_uuid = a.uuid AND r.kind = 'like')
                   OR reposts_count <> (SELECT count(*) FROM reactions r WHERE r.activity_uuid = a.uuid AND r.kind = 'repost')"""))
                .isZero();
        assertThat(count("SELECT sum(likes_count) FROM activities")).isEqualTo(6_000);
    }

    @Test
    void theNotifiedPersonHasThePlannedNotificationsAndTheQuietOneOnlyTheLikesOfTheirOneCrud() {
        assertThat(count("SELECT count(*) FROM notifications WHERE expires_at > now() AND recipient_uuid = "
                + user(Social.NOTIFIED))).isEqualTo(300);
        assertThat(count("SELECT count(*) FROM notifications WHERE expires_at > now() AND kind = 'like' AND recipient_uuid = "
                + user(Social.QUIET))).isEqualTo(8);
        assertThat(count("SELECT count(*) FROM notifications WHERE recipient_uuid = " + user(Social.QUIET))).isEqualTo(8);
        assertThat(count("SELECT followers_count FROM users WHERE uuid = " + user(Social.QUIET))).isZero();
        assertThat(count("SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NULL AND user_uuid = " + user(Social.QUIET)))
                .as("the quiet person posts one crud").isEqualTo(1);
    }

    private static String user(int index) {
        return "'" + plan.users[index] + "'";
    }

    private static long count(String sql) {
        return database.jdbi().withHandle((Handle h) -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
