package dev.cruddur.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.activity.ActivityFeeds;
import dev.cruddur.activity.Cursor;
import dev.cruddur.activity.DeleteActivity;
import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.activity.PostCrud;
import dev.cruddur.activity.PurgeExpiredActivities;
import dev.cruddur.activity.Reaction;
import dev.cruddur.activity.Reactions;
import dev.cruddur.activity.Reader;
import dev.cruddur.activity.ReplyToCrud;
import dev.cruddur.activity.SearchTerm;
import dev.cruddur.activity.PurgeRun;
import dev.cruddur.database.ConnectionPool.Workload;
import dev.cruddur.message.Conversation;
import dev.cruddur.message.Conversations;
import dev.cruddur.message.DeleteMessage;
import dev.cruddur.message.MessageCursor;
import dev.cruddur.message.MessagePage;
import dev.cruddur.message.ReadConversation;
import dev.cruddur.message.SendMessage;
import dev.cruddur.notification.Notifications;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.user.Follows;
import dev.cruddur.user.Profiles;
import dev.cruddur.user.User;
import dev.cruddur.user.UserAttributes;
import dev.cruddur.user.UserRegistration;
import dev.cruddur.user.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The plan PostgreSQL uses for each query Cruddur runs, at 1,000,000 activities, checked on the
 * statement the production code itself prepared through the server's pool settings: it is a
 * server-side prepared statement from its first execution, the hot ones run their one generic plan
 * (never planned again per execution), and {@code EXPLAIN EXECUTE} of that statement reads the
 * intended index, never sorts and never starts the JIT compiler. Every SQL file in core's
 * resources must be covered here, or be named in {@link #NOT_RUN_BY_THE_SERVER}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryPlansTest {

    /** Files that read no table the plan could go wrong on (most only {@code cruddur db …} runs); why each is not planned here. */
    private static final Map<String, String> NOT_RUN_BY_THE_SERVER = Map.of(
            "database/InspectionDao/rowCounts.sql", "cruddur db status: counts whole tables, by design",
            "database/InspectionDao/sessions.sql", "cruddur db sessions: reads pg_stat_activity",
            "activity/ActivityDao/tryPurgeLock.sql", "the purge's advisory lock: a function call, no table",
            "activity/ActivityDao/releasePurgeLock.sql", "the purge's advisory lock: a function call, no table");

    private static final int ACTIVITIES = 1_000_000;
    /** Row numbers in million.sql, and the uuids they give. */
    private static final UUID HOT_CRUD = uuid(2, 799_000);
    private static final UUID HOT_CRUD_AUTHOR = uuid(1, 799_000L * 7919 % 10_000);
    private static final String SOME_HANDLE = "user_4242";
    private static final UUID SOME_USER = uuid(1, 4242);
    private static final String SOME_SUB = "sub-4242";
    /** Feeds are read as a signed-in person, whose likes and reposts every row is checked against. */
    private static final Reader READER = Reader.signedIn(SOME_USER);
    /** Readers of the following timeline (million.sql): one following 10 people, one 1,000; the others about 50. */
    private static final UUID FOLLOWS_TEN = uuid(1, 10_000);
    private static final UUID FOLLOWS_A_THOUSAND = uuid(1, 10_001);

    private static TestDatabase db;
    private static HikariDataSource requests;
    private static Jdbi server;
    private static long loadMillis;

    @BeforeAll
    static void loadAMillionActivities() {
        db = TestDatabase.migrated();
        long started = System.nanoTime();
        db.jdbi().useHandle(QueryPlansTest::load);
        loadMillis = (System.nanoTime() - started) / 1_000_000;
        // How long this costs is worth seeing in the build log; it is not a test of speed.
        System.out.printf("QueryPlansTest: %,d activities loaded and analysed in %,d ms%n", ACTIVITIES, loadMillis);
        // The server's settings: one connection, so every statement lands on the connection inspected.
        requests = ConnectionPool.open(db.url(), "cruddur-server", 1, Workload.REQUESTS);
        server = Jdbis.create(requests);
    }

    @AfterAll
    static void dropDatabase() {
        if (requests != null) {
            requests.close();
        }
        db.close();
    }

    private static void load(Handle h) {
        List<String> indexes = h.createQuery("""
                        SELECT indexdef FROM pg_indexes
                        WHERE schemaname = 'public' AND tablename IN ('activities', 'follows', 'reactions', 'feed_entries', 'notifications')
                          AND indexname NOT LIKE '%_pkey'""")
                .mapTo(String.class).list();
        assertThat(indexes).as("the migrations' secondary indexes").isNotEmpty();
        // Only the plans are under test, and they do not depend on any of this: no foreign-key
        // checks (million.sql keeps them by construction), no WAL for the rows (the tables are
        // dropped with the database), indexes built once over all the rows rather than row by row.
        h.execute("SET session_replication_role = replica");
        // These reference activities or users: a logged table may not reference an unlogged one.
        for (String table : List.of("reactions", "follows", "activity_hashtags", "feed_entries", "notifications",
                "message_group_members", "messages", "message_groups")) {
            h.execute("ALTER TABLE " + table + " SET UNLOGGED");
        }
        h.execute("ALTER TABLE activities SET UNLOGGED");
        h.execute("ALTER TABLE users SET UNLOGGED");
        h.execute(h.createQuery("SELECT 'DROP INDEX ' || string_agg(quote_ident(indexname), ', ') FROM pg_indexes"
                        + " WHERE schemaname = 'public' AND tablename IN ('activities', 'follows', 'reactions', 'feed_entries',"
                        + " 'notifications') AND indexname NOT LIKE '%_pkey'")
                .mapTo(String.class).one());
        h.createScript(resource("QueryPlansTest/million.sql")).execute();
        h.execute("SET maintenance_work_mem = '256MB'");
        indexes.forEach(h::execute);
        h.execute("RESET maintenance_work_mem");
        h.execute("RESET session_replication_role");
        // The trigger that fills activity_hashtags does not fire in replica mode: filled as the
        // migration fills it for existing cruds.
        h.execute("""
                INSERT INTO activity_hashtags (tag, created_at, activity_uuid, expires_at)
                SELECT t.tag, a.created_at, a.uuid, a.expires_at
                FROM activities a, activity_hashtags_of(a.message) AS t(tag)
                WHERE a.reply_to_activity_uuid IS NULL""");
        // People write many tags, not one: a quarter of the cruds also carry one of a thousand
        // others (rows only: no plan reads the messages), so the statistics guess about 200 cruds
        // for any tag, however common #cruddur is.
        h.execute("""
                INSERT INTO activity_hashtags (tag, created_at, activity_uuid, expires_at)
                SELECT 'topic' || get_byte(uuid_send(a.uuid), 14) * 4 + get_byte(uuid_send(a.uuid), 15) % 4,
                       a.created_at, a.uuid, a.expires_at
                FROM activities a
                WHERE a.reply_to_activity_uuid IS NULL AND get_byte(uuid_send(a.uuid), 15) % 4 = 1""");
        // Direct messages: loaded the same way (no foreign-key checks), indexes built after the rows.
        List<String> messageIndexes = h.createQuery("""
                        SELECT indexdef FROM pg_indexes
                        WHERE schemaname = 'public' AND tablename IN ('messages', 'message_group_members', 'message_groups')
                          AND indexname NOT LIKE '%_pkey'""")
                .mapTo(String.class).list();
        h.execute("SET session_replication_role = replica");
        for (String index : h.createQuery("""
                        SELECT CASE WHEN c.conname IS NULL THEN 'DROP INDEX ' || quote_ident(i.indexname)
                                    ELSE 'ALTER TABLE ' || quote_ident(i.tablename) || ' DROP CONSTRAINT ' || quote_ident(c.conname) END
                        FROM pg_indexes i LEFT JOIN pg_constraint c ON c.conname = i.indexname
                        WHERE i.schemaname = 'public' AND i.tablename IN ('messages', 'message_group_members', 'message_groups')
                          AND i.indexname NOT LIKE '%_pkey'""").mapTo(String.class).list()) {
            h.execute(index);
        }
        h.createScript(resource("QueryPlansTest/messages.sql")).execute();
        h.execute("SET maintenance_work_mem = '256MB'");
        for (String index : messageIndexes) {
            // A unique constraint's index comes back as the constraint.
            h.execute(index.contains("message_groups_pair_key")
                    ? "ALTER TABLE message_groups ADD CONSTRAINT message_groups_pair_key UNIQUE (low_user_uuid, high_user_uuid)"
                    : index);
        }
        h.execute("RESET maintenance_work_mem");
        h.execute("RESET session_replication_role");
        h.execute("ANALYZE users, activities, activity_hashtags, follows, reactions, feed_entries, notifications,"
                + " message_groups, messages, message_group_members");
        assertThat(h.createQuery("SELECT count(*) FROM activities").mapTo(Long.class).one()).isEqualTo(ACTIVITIES);
    }

    // ---------------------------------------------------------------------------------------------
    // The server's reads.

    @Test
    void homeFeedWalksTheHomeIndexOnOneGenericPlan() {
        ActivityFeeds feeds = feeds();
        Page<?> first = feeds.home(READER, PageRequest.first());
        feeds.home(READER, PageRequest.first());
        Cursor deep = new Cursor(Instant.now().minusSeconds(14 * 24 * 3600), new UUID(0, 0));
        feeds.home(READER, new PageRequest(50, deep));
        assertThat(first.items()).hasSize(20);

        PreparedPlan plan = planOf("activity/ActivityDao/homeFeed.sql", 3, readerArgs(cursorArgs(Cursor.START, 21)));
        plan.assertGenericOnly(3);
        plan.assertReads("activities", "activities_home_idx");
        plan.assertReads("reactions", "reactions_pkey");
        plan.assertReads("users", "users_pkey");
        plan.assertNoSortNoSeqScanNoJit();
    }

    @Test
    void userFeedFindsTheUserAndWalksTheirFeedEntriesInOneStatementOnOneGenericPlan() {
        ActivityFeeds feeds = feeds();
        for (int i = 0; i < 3; i++) {
            assertThat(feeds.byHandle(READER, SOME_HANDLE, PageRequest.first()).items()).isNotEmpty();
        }
        PreparedPlan feed = planOf("activity/ActivityDao/userFeed.sql", 3, null);
        feed.assertGenericOnly(3);
        feed.assertReads("users", "users_handle_lower_key");
        feed.assertReads("feed_entries", "feed_entries_pkey");
        feed.assertReads("activities", "activities_pkey");
        feed.assertReads("users", "users_pkey");
        feed.assertNoSortNoSeqScanNoJit();
    }

    @Test
    void anEmptyUserFeedAsksWhetherTheHandleExistsThroughTheHandleIndex() {
        ActivityFeeds feeds = feeds();
        Cursor beforeEverything = new Cursor(Instant.parse("2000-01-01T00:00:00Z"), new UUID(0, 0));
        for (int i = 0; i < 3; i++) {
            assertThat(feeds.byHandle(READER, SOME_HANDLE, new PageRequest(20, beforeEverything)).items()).isEmpty();
        }
        PreparedPlan user = planOf("user/UserDao/findByHandle.sql", 3, List.of(SOME_HANDLE));
        user.assertGenericOnly(3);
        user.assertReads("users", "users_handle_lower_key");
        user.assertNoSortNoSeqScanNoJit();
    }

    @Test
    void aCrudWithItsRepliesReadsThePrimaryKeyAndTheRepliesIndexOnGenericPlans() {
        ActivityFeeds feeds = feeds();
        for (int i = 0; i < 3; i++) {
            assertThat(feeds.thread(READER, HOT_CRUD, PageRequest.first()).replies().items()).hasSize(20);
        }
        PreparedPlan crud = planOf("activity/ActivityDao/findVisible.sql", 3, readerArgs(List.of(HOT_CRUD.toString())));
        crud.assertGenericOnly(3);
        crud.assertReads("activities", "activities_pkey");
        crud.assertReads("users", "users_pkey");
        crud.assertNoSortNoSeqScanNoJit();

        List<String> args = new ArrayList<>(List.of(HOT_CRUD.toString()));
        args.addAll(cursorArgs(Cursor.START, 21));
        PreparedPlan replies = planOf("activity/ActivityDao/replies.sql", 3, readerArgs(args));
        replies.assertGenericOnly(3);
        replies.assertReads("activities", "activities_replies_idx");
        replies.assertReads("users", "users_pkey");
        replies.assertNoSortNoSeqScanNoJit();
    }

    /**
     * One generic plan holds the three ways to a timeline's page, and each reader runs the one
     * for the number of people they follow: its only sorts are of a page of entries per person
     * followed (for someone following fewer than 50) and of the page itself.
     */
    @Test
    void theFollowingTimelineReadsFeedEntriesOnOneGenericPlanWhateverTheNumberFollowed() {
        ActivityFeeds feeds = feeds();
        for (UUID reader : List.of(FOLLOWS_TEN, SOME_USER, FOLLOWS_A_THOUSAND)) {
            for (int i = 0; i < 2; i++) {
                assertThat(feeds.following(Reader.signedIn(reader), PageRequest.first()).items()).hasSize(20);
            }
        }
        PreparedPlan plan = planOf("activity/ActivityDao/followingFeed.sql", 6, null);
        plan.assertGenericOnly(6);
        plan.assertReads("feed_entries", "feed_entries_pkey");
        plan.assertReads("feed_entries", "feed_entries_time_idx");
        plan.assertReads("follows", "follows_pkey");
        plan.assertReads("activities", "activities_pkey");
        plan.assertReads("users", "users_pkey");
        plan.plan().assertNoSeqScanNoJit();
    }

    @Test
    void notificationsAndTheUnreadCountWalkTheRecipientsIndexOnGenericPlans() {
        Notifications notifications = new Notifications(server);
        for (int i = 0; i < 3; i++) {
            assertThat(notifications.list(HOT_CRUD_AUTHOR, PageRequest.first()).items()).hasSize(20);
            assertThat(notifications.unreadCount(HOT_CRUD_AUTHOR)).isEqualTo(Notifications.UNREAD_COUNTED_UP_TO);
        }
        PreparedPlan list = planOf("notification/NotificationDao/list.sql", 3, null);
        list.assertGenericOnly(3);
        list.assertReads("notifications", "notifications_recipient_idx");
        list.assertReads("activities", "activities_pkey");
        list.assertReads("users", "users_pkey");
        list.assertNoSortNoSeqScanNoJit();
        PreparedPlan unread = planOf("notification/NotificationDao/unreadCount.sql", 3, null);
        unread.assertGenericOnly(3);
        unread.assertReads("notifications", "notifications_recipient_idx");
        unread.assertReads("users", "users_pkey");
        unread.assertNoSortNoSeqScanNoJit();
    }

    @Test
    void markingNotificationsReadUpdatesTheReaderByPrimaryKeyOnOneGenericPlan() {
        Notifications notifications = new Notifications(server);
        for (int i = 0; i < 3; i++) {
            notifications.markRead(SOME_USER, null);
        }
        PreparedPlan plan = planOf("notification/NotificationDao/markRead.sql", 3, null);
        plan.assertGenericOnly(3);
        plan.assertReads("users", "users_pkey");
        plan.assertNoSortNoSeqScanNoJit();
    }

    @Test
    void theTokensUserIsFoundByItsSubOnOneGenericPlan() {
        Users users = new Users(server);
        for (int i = 0; i < 3; i++) {
            assertThat(users.byCognitoUserId(SOME_SUB)).isPresent();
        }
        PreparedPlan plan = planOf("user/UserDao/findByCognitoUserId.sql", 3, List.of(SOME_SUB));
        plan.assertGenericOnly(3);
        plan.assertReads("users", "users_cognito_user_id_key");
        plan.assertNoSortNoSeqScanNoJit();
    }

    /**
     * Search is the exception: which index answers depends on how common the term is (the trigram
     * index for a rare word, the home index walked newest first for a common hashtag), so each
     * search is planned with its own pattern. A generic plan would walk the home index for every
     * term, reading all 800,000 cruds for a word nobody wrote.
     */
    @Test
    void searchIsPlannedForItsTermAndPicksTheIndexThatSuitsIt() {
        ActivityFeeds feeds = feeds();
        assertThat(feeds.search(READER, new SearchTerm("rarebird"), PageRequest.first()).items()).hasSize(8);
        assertThat(feeds.search(READER, new SearchTerm("gm"), PageRequest.first()).items()).hasSize(20);
        assertThat(feeds.search(READER, new SearchTerm("nobodywrotethis"), PageRequest.first()).items()).isEmpty();

        SearchTerm nobody = new SearchTerm("nobodywrotethis");
        List<String> rare = new ArrayList<>(List.of(nobody.containsPattern(), nobody.pattern()));
        rare.addAll(cursorArgs(Cursor.START, 21));
        PreparedPlan rarePlan = planOf("activity/ActivityDao/search.sql", 3, readerArgs(rare), true);
        rarePlan.assertCustomOnly(3);
        rarePlan.assertReads("activities", "activities_message_trgm_idx");
        rarePlan.assertNoSeqScanOf("activities");

        // A word in a seventh of the cruds (a hashtag no longer runs this file: see below).
        SearchTerm gm = new SearchTerm("gm");
        List<String> common = new ArrayList<>(List.of(gm.containsPattern(), gm.pattern()));
        common.addAll(cursorArgs(Cursor.START, 21));
        PreparedPlan commonPlan = planOf("activity/ActivityDao/search.sql", 4, readerArgs(common), true);
        commonPlan.assertReads("activities", "activities_home_idx");
        commonPlan.assertNoSortNoSeqScanNoJit();
    }

    /**
     * A term that is one hashtag reads activity_hashtags in key order on one generic plan: the
     * page's rows of the tag, each joined to its crud and author by primary key.
     */
    @Test
    void aHashtagSearchWalksTheHashtagKeyOnOneGenericPlan() {
        ActivityFeeds feeds = feeds();
        for (int i = 0; i < 3; i++) {
            assertThat(feeds.search(READER, new SearchTerm("#cruddur"), PageRequest.first()).items()).hasSize(20);
        }
        SearchTerm term = new SearchTerm("#cruddur");
        // :tag, the first-page cursor, :fetch, in the statement's order.
        List<String> args = List.of(term.hashtag().orElseThrow(), Cursor.START.createdAt().toString(),
                Cursor.START.uuid().toString(), "21");
        // The reader's marks are joined after the page, so their argument comes last.
        List<String> withReader = new ArrayList<>(args);
        withReader.add(SOME_USER.toString());
        PreparedPlan plan = planOf("activity/ActivityDao/searchHashtag.sql", 3, withReader);
        plan.assertGenericOnly(3);
        plan.assertReads("activity_hashtags", "activity_hashtags_pkey");
        plan.assertReads("activities", "activities_pkey");
        plan.assertReads("users", "users_pkey");
        plan.assertNoSortNoSeqScanNoJit();
    }

    // ---------------------------------------------------------------------------------------------
    // The server's writes.

    @Test
    void postingJoinsItsAuthorByPrimaryKeyOnOneGenericPlan() {
        PostCrud post = new PostCrud(server);
        for (int i = 0; i < 3; i++) {
            post.post(SOME_USER, "plan check " + i, "1-day");
        }
        PreparedPlan plan = planOf("activity/ActivityDao/insertCrud.sql", 3, null);
        plan.assertGenericOnly(3);
        plan.assertReads("users", "users_pkey");
        plan.assertNoSortNoSeqScanNoJit();
    }

    @Test
    void replyingUpdatesItsParentByPrimaryKeyOnOneGenericPlan() {
        ReplyToCrud reply = new ReplyToCrud(server);
        for (int i = 0; i < 3; i++) {
            reply.reply(SOME_USER, HOT_CRUD, "plan check " + i);
        }
        PreparedPlan plan = planOf("activity/ActivityDao/insertReply.sql", 3, null);
        plan.assertGenericOnly(3);
        plan.assertReads("activities", "activities_pkey");
        plan.assertReads("users", "users_pkey");
        plan.assertNoSortNoSeqScanNoJit();
    }

    @Test
    void registeringAUserIsOneGenericInsert() {
        UserRegistration registration = new UserRegistration(server);
        for (int i = 0; i < 3; i++) {
            registration.register(new UserAttributes("plan-sub-" + i, "plan" + i + "@example.com", "Plan " + i, "plan_" + i));
        }
        PreparedPlan plan = planOf("user/UserDao/insertIfAbsent.sql", 3, null);
        plan.assertGenericOnly(3);
        plan.assertNoSortNoSeqScanNoJit();
    }

    // ---------------------------------------------------------------------------------------------
    // The purge runs from `cruddur db purge-expired` on maintenance connections (custom plans,
    // unnamed statements); planned here as those connections plan it, with its batch size.

    @Test
    @Order(Integer.MAX_VALUE)
    void purgingFindsExpiredRowsAndTheirRepliesThroughIndexes() {
        String sql = normalised(sql("activity/ActivityDao/purgeExpired.sql"));
        Plan plan = db.jdbi().withHandle(h -> {
            h.execute("PREPARE purge_check AS " + positional(sql));
            try {
                return Plan.of(h, h.createQuery("EXPLAIN (FORMAT JSON, VERBOSE) EXECUTE purge_check(NULL, " + PurgeExpiredActivities.DEFAULT_BATCH_SIZE + ")").mapTo(String.class).one());
            } finally {
                h.execute("DEALLOCATE purge_check");
            }
        });
        plan.assertReads("activities", "activities_expires_at_idx");
        plan.assertReads("activities", "activities_replies_idx");
        plan.assertReads("activities", "activities_pkey");
        plan.assertNoSeqScanOf("activities");
        String messagesSql = normalised(sql("activity/ActivityDao/purgeExpiredMessages.sql"));
        Plan messagesPlan = db.jdbi().withHandle(h -> {
            h.execute("PREPARE purge_messages_check AS " + positional(messagesSql));
            try {
                return Plan.of(h, h.createQuery("EXPLAIN (FORMAT JSON, VERBOSE) EXECUTE purge_messages_check(NULL, "
                        + PurgeExpiredActivities.DEFAULT_BATCH_SIZE + ")").mapTo(String.class).one());
            } finally {
                h.execute("DEALLOCATE purge_messages_check");
            }
        });
        messagesPlan.assertReads("messages", "messages_expires_at_idx");
        messagesPlan.assertReads("messages", "messages_pkey");
        messagesPlan.assertNoSeqScanOf("messages");
        // And it does run: the 40,000 expired cruds with their replies go, and the 60,000 expired messages.
        PurgeRun run = new PurgeExpiredActivities(db.jdbi()).purge();
        assertThat(run.deleted()).isGreaterThanOrEqualTo(40_000);
        assertThat(run.messagesDeleted()).isGreaterThanOrEqualTo(50_000);
    }

    // ---------------------------------------------------------------------------------------------
    // The social core: marks on a crud, deletions, follows and profiles.

    @Test
    void likingAndUnlikingTheHotCrudLockItByPrimaryKeyOnGenericPlans() {
        Reactions reactions = new Reactions(server);
        for (int i = 0; i < 3; i++) {
            assertThat(reactions.add(SOME_USER, HOT_CRUD, Reaction.LIKE).likedByMe()).isTrue();
            assertThat(reactions.remove(SOME_USER, HOT_CRUD, Reaction.LIKE).likedByMe()).isFalse();
        }
        for (String file : List.of("activity/ActivityDao/addMarks.sql", "activity/ActivityDao/removeMarks.sql")) {
            PreparedPlan plan = planOf(file, 3, null);
            plan.assertGenericOnly(3);
            plan.assertReads("activities", "activities_pkey");
            plan.assertNoSortNoSeqScanNoJit();
        }
    }

    @Test
    void deletingACrudFindsItByPrimaryKeyOnOneGenericPlan() {
        PostCrud post = new PostCrud(server);
        DeleteActivity delete = new DeleteActivity(server);
        for (int i = 0; i < 3; i++) {
            delete.delete(SOME_USER, post.post(SOME_USER, "to be taken back " + i, "1-day").uuid());
        }
        PreparedPlan plan = planOf("activity/ActivityDao/deleteActivity.sql", 3, null);
        plan.assertGenericOnly(3);
        plan.assertReads("activities", "activities_pkey");
        plan.assertNoSortNoSeqScanNoJit();
    }

    /**
     * Following and a profile find the person by handle and the follow by its key, whoever the
     * person is; the lists walk one person's range of a follows index.
     */
    @Test
    void followsAndProfilesReadTheirIndexesOnGenericPlans() {
        Profiles profiles = new Profiles(server);
        Follows follows = new Follows(server, profiles);
        User reader = new Users(server).byCognitoUserId(SOME_SUB).orElseThrow();
        for (int i = 0; i < 3; i++) {
            assertThat(follows.follow(reader, "user_17").following()).isTrue();
            assertThat(follows.unfollow(reader, "user_17").following()).isFalse();
            profiles.update(reader, "User 4242", "plans " + i);
            assertThat(follows.followers("user_17", PageRequest.first()).items()).hasSize(20);
            assertThat(follows.following("user_17", PageRequest.first()).items()).hasSize(20);
        }
        for (String file : List.of("user/UserDao/follow.sql", "user/UserDao/unfollow.sql", "user/UserDao/profile.sql")) {
            PreparedPlan plan = planOf(file, 3, null);
            plan.assertGenericOnly(3);
            plan.assertReads("users", "users_handle_lower_key");
            plan.assertNoSortNoSeqScanNoJit();
        }
        PreparedPlan profile = planOf("user/UserDao/profile.sql", 3, null);
        profile.assertReads("follows", "follows_pkey");
        profile.assertReads("activities", "activities_user_idx");
        PreparedPlan update = planOf("user/UserDao/updateProfile.sql", 3, null);
        update.assertGenericOnly(3);
        update.assertReads("users", "users_pkey");
        List<String> someone = new ArrayList<>(List.of(SOME_USER.toString()));
        someone.addAll(cursorArgs(Cursor.START, 21));
        for (String[] list : new String[][] {{"user/UserDao/followers.sql", "follows_followee_idx"},
                {"user/UserDao/following.sql", "follows_follower_idx"}}) {
            PreparedPlan plan = planOf(list[0], 3, someone);
            plan.assertGenericOnly(3);
            plan.assertReads("follows", list[1]);
            plan.assertReads("users", "users_pkey");
            plan.assertNoSortNoSeqScanNoJit();
        }
    }

    /**
     * With read replicas, a signed-in person's write leaves a mark and each of their reads looks
     * it up on the primary: both one primary-key probe of the small recent_writes table.
     */
    @Test
    void aWritersMarkIsKeptAndLookedUpByPrimaryKeyOnGenericPlans() {
        for (int i = 0; i < 3; i++) {
            server.useHandle(h -> new ReplicationDao(h).recordWrite(SOME_USER));
            Optional<Lsn> mark = server.withHandle(h -> new ReplicationDao(h).lastWrite(SOME_USER));
            assertThat(mark).isPresent();
        }
        PreparedPlan mark = planOf("database/ReplicationDao/recordWrite.sql", 3, null);
        mark.assertGenericOnly(3);
        mark.assertNoSortNoSeqScanNoJit();
        PreparedPlan lookup = planOf("database/ReplicationDao/lastWrite.sql", 3, null);
        lookup.assertGenericOnly(3);
        lookup.assertReads("recent_writes", "recent_writes_pkey");
        lookup.assertNoSortNoSeqScanNoJit();
    }

    /** The check every second asks each server where its WAL stands: a function call, planned once. */
    @Test
    void theReplicaChecksAreFunctionCallsPlannedOnce() {
        for (int i = 0; i < 3; i++) {
            Lsn current = server.withHandle(h -> new ReplicationDao(h).currentLsn());
            assertThat(current.value()).isPositive();
            // Asked of a server that is no replica, it says so.
            Optional<Lsn> replayed = server.withHandle(h -> new ReplicationDao(h).replayedLsn());
            assertThat(replayed).isEmpty();
        }
        for (String file : List.of("database/ReplicationDao/currentLsn.sql", "database/ReplicationDao/replayedLsn.sql")) {
            PreparedPlan plan = planOf(file, 3, null);
            assertThat(plan.customPlans()).as(file).isZero();
            assertThat(plan.plan().nodes()).as(file).extracting(Node::type).containsOnly("Result");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Direct messages: someone with 2,000 conversations, among 32,000 with 320,000 messages.

    /**
     * The list reads one bounded range of the person's list index (the expiry is in it) and, per row
     * of the page only, the latest visible message and the unread ones through the messages'
     * index; the badge's counts read the two partial indexes. The same plans for someone with six
     * conversations as for someone with 2,000.
     */
    @Test
    void theConversationListAndTheUnreadCountsReadOnePersonsIndexRangesOnGenericPlans() {
        Conversations conversations = new Conversations(server);
        for (UUID reader : List.of(SOME_USER, uuid(1, 17), SOME_USER)) {
            assertThat(conversations.list(reader, PageRequest.first()).items()).isNotEmpty();
            conversations.unread(reader);
        }
        Page<Conversation> first = conversations.list(SOME_USER, PageRequest.first());
        assertThat(first.items()).hasSize(20);
        assertThat(conversations.list(SOME_USER, new PageRequest(20, first.next().orElseThrow())).items()).hasSize(20);
        PreparedPlan list = planOf("message/MessageDao/conversations.sql", 3, null);
        list.assertGenericOnly(3);
        list.assertReads("message_group_members", "message_group_members_list_idx");
        list.assertReads("messages", "messages_group_seq_idx");
        list.assertReads("users", "users_pkey");
        list.assertNoSortNoSeqScanNoJit();
        PreparedPlan unread = planOf("message/MessageDao/unreadCounts.sql", 3, null);
        unread.assertGenericOnly(3);
        unread.assertReads("message_group_members", "message_group_members_unread_idx");
        unread.assertReads("message_group_members", "message_group_members_received_idx");
        unread.assertNoSortNoSeqScanNoJit();
    }

    /**
     * Sending into a conversation, opening it (which marks it read) and a later page: the send finds
     * the conversation and both people by their keys and takes its numbers from the conversation's
     * row; a page walks the conversation's range of the messages' index, newest first.
     */
    @Test
    void sendingAndReadingAConversationUseItsKeysAndTheMessagesIndexOnGenericPlans() {
        Users users = new Users(server);
        User reader = users.byCognitoUserId(SOME_SUB).orElseThrow();
        User other = users.byCognitoUserId("sub-4542").orElseThrow();
        UUID group = uuid(4, 30_000);
        SendMessage send = new SendMessage(server);
        ReadConversation read = new ReadConversation(server);
        for (int i = 0; i < 3; i++) {
            assertThat(send.send(other.uuid(), "plan check " + i, "1-hour", null, group.toString()).messageGroupUuid()).isEqualTo(group);
            MessagePage page = read.read(reader.uuid(), group, 5, MessageCursor.START);
            assertThat(page.items().get(0).message()).isEqualTo("plan check " + i);
            assertThat(read.read(reader.uuid(), group, 5, page.next().orElseThrow()).items()).hasSize(5);
            assertThat(new Conversations(server).find(reader.uuid(), group).handle()).isEqualTo("user_4542");
        }
        PreparedPlan sendPlan = planOf("message/MessageDao/send.sql", 3, null);
        sendPlan.assertGenericOnly(3);
        sendPlan.assertReads("users", "users_pkey");
        sendPlan.assertReads("users", "users_handle_lower_key");
        sendPlan.assertReads("message_group_members", "message_group_members_pkey");
        // It sorts only its own sends (at most SendMessage.MOST_IN_ONE): into their conversations, in lock order.
        sendPlan.plan().assertNoSeqScanNoJit();
        PreparedPlan conversation = planOf("message/MessageDao/conversation.sql", 3, null);
        conversation.assertGenericOnly(3);
        conversation.assertReads("message_group_members", "message_group_members_pkey");
        conversation.assertReads("users", "users_pkey");
        conversation.assertNoSortNoSeqScanNoJit();
        PreparedPlan page = planOf("message/MessageDao/page.sql", 6, null);
        page.assertGenericOnly(6);
        page.assertReads("messages", "messages_group_seq_idx");
        page.assertReads("message_group_members", "message_group_members_pkey");
        page.assertReads("users", "users_pkey");
        page.assertNoSortNoSeqScanNoJit();
        PreparedPlan markRead = planOf("message/MessageDao/markRead.sql", 3, null);
        markRead.assertGenericOnly(3);
        markRead.assertReads("message_group_members", "message_group_members_pkey");
        markRead.assertNoSortNoSeqScanNoJit();
    }

    /** Deleting a message locks its conversation and recomputes both people's rows from its own range of messages. */
    @Test
    void deletingAMessageReadsTheConversationsKeysAndRangeOnGenericPlans() {
        User sender = new Users(server).byCognitoUserId(SOME_SUB).orElseThrow();
        SendMessage send = new SendMessage(server);
        DeleteMessage delete = new DeleteMessage(server);
        for (int i = 0; i < 3; i++) {
            delete.delete(sender.uuid(), send.send(sender.uuid(), "to be taken back " + i, "1-day", "user_4543", null).uuid());
        }
        PreparedPlan lock = planOf("message/MessageDao/lockForDelete.sql", 3, null);
        lock.assertGenericOnly(3);
        lock.assertReads("messages", "messages_pkey");
        lock.assertReads("message_group_members", "message_group_members_pkey");
        lock.assertReads("message_groups", "message_groups_pkey");
        lock.assertNoSortNoSeqScanNoJit();
        PreparedPlan deletePlan = planOf("message/MessageDao/deleteMessage.sql", 3, null);
        deletePlan.assertGenericOnly(3);
        deletePlan.assertReads("messages", "messages_pkey");
        deletePlan.assertReads("messages", "messages_group_seq_idx");
        deletePlan.assertReads("message_group_members", "message_group_members_pkey");
        deletePlan.plan().assertNoSeqScanNoJit();
    }

    // ---------------------------------------------------------------------------------------------

    /** A new SQL file gets a plan check here, or a reason in NOT_RUN_BY_THE_SERVER. */
    @Test
    void everySqlFileIsCovered() throws IOException {
        Set<String> checked = Stream.of(
                        "activity/ActivityDao/homeFeed.sql", "activity/ActivityDao/userFeed.sql",
                        "activity/ActivityDao/findVisible.sql", "activity/ActivityDao/replies.sql",
                        "activity/ActivityDao/followingFeed.sql", "activity/ActivityDao/search.sql",
                        "notification/NotificationDao/list.sql", "notification/NotificationDao/unreadCount.sql",
                        "notification/NotificationDao/markRead.sql",
                        "activity/ActivityDao/searchHashtag.sql",
                        "activity/ActivityDao/insertCrud.sql", "activity/ActivityDao/insertReply.sql",
                        "activity/ActivityDao/purgeExpired.sql", "user/UserDao/findByHandle.sql",
                        "user/UserDao/findByCognitoUserId.sql", "user/UserDao/insertIfAbsent.sql",
                        "activity/ActivityDao/addMarks.sql", "activity/ActivityDao/removeMarks.sql",
                        "activity/ActivityDao/deleteActivity.sql", "user/UserDao/follow.sql",
                        "user/UserDao/unfollow.sql", "user/UserDao/profile.sql", "user/UserDao/updateProfile.sql",
                        "user/UserDao/followers.sql", "user/UserDao/following.sql",
                        "activity/ActivityDao/purgeExpiredMessages.sql",
                        "message/MessageDao/send.sql", "message/MessageDao/conversations.sql",
                        "message/MessageDao/conversation.sql", "message/MessageDao/page.sql",
                        "message/MessageDao/markRead.sql", "message/MessageDao/lockForDelete.sql",
                        "message/MessageDao/deleteMessage.sql", "message/MessageDao/unreadCounts.sql",
                        "database/ReplicationDao/recordWrite.sql", "database/ReplicationDao/lastWrite.sql",
                        "database/ReplicationDao/currentLsn.sql", "database/ReplicationDao/replayedLsn.sql")
                .collect(Collectors.toSet());
        Path root = mainResources().resolve("dev/cruddur");
        Set<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".sql"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }
        Set<String> covered = new java.util.HashSet<>(checked);
        covered.addAll(NOT_RUN_BY_THE_SERVER.keySet());
        assertThat(files).isNotEmpty().containsExactlyInAnyOrderElementsOf(covered);
        assertThat(loadMillis).as("load time (reported, not judged)").isPositive();
    }

    // ---------------------------------------------------------------------------------------------
    // How a statement is found and explained.

    private static ActivityFeeds feeds() {
        return new ActivityFeeds(server, new Users(server));
    }

    /**
     * The server-side prepared statement the production code left on the pool's one connection for
     * this file, explained with these arguments ({@code null}: all NULL, which a generic plan
     * does not look at).
     */
    private static PreparedPlan planOf(String file, int atLeastExecutions, List<String> args) {
        return planOf(file, atLeastExecutions, args, false);
    }

    /**
     * @param perExecution explain it as the code runs it when it plans each execution for its own
     *                     parameters (in a transaction with plan_cache_mode = force_custom_plan)
     */
    private static PreparedPlan planOf(String file, int atLeastExecutions, List<String> args, boolean perExecution) {
        String expected = normalised(sql(file));
        return server.inTransaction(h -> {
            List<Map<String, Object>> statements = h.createQuery("""
                            SELECT name, statement, generic_plans, custom_plans, cardinality(parameter_types) AS parameters
                            FROM pg_prepared_statements
                            WHERE NOT from_sql""")
                    .mapToMap().list();
            Map<String, Object> statement = statements.stream()
                    .filter(s -> normalised(String.valueOf(s.get("statement"))).equals(expected))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no server-side prepared statement for " + file
                            + " on the server's connection (is it prepared from its first execution?); there are: "
                            + statements.stream().map(s -> String.valueOf(s.get("statement"))).toList()));
            String name = (String) statement.get("name");
            long generic = ((Number) statement.get("generic_plans")).longValue();
            long custom = ((Number) statement.get("custom_plans")).longValue();
            int parameters = ((Number) statement.get("parameters")).intValue();
            assertThat(generic + custom).as(file + ": executions of the prepared statement").isGreaterThanOrEqualTo(atLeastExecutions);
            List<String> literals = new ArrayList<>();
            for (int i = 0; i < parameters; i++) {
                literals.add(args == null ? "NULL" : "'" + args.get(i).replace("'", "''") + "'");
            }
            if (perExecution) {
                h.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
            String json = h.createQuery("EXPLAIN (FORMAT JSON, VERBOSE) EXECUTE \"" + name + "\""
                            + (literals.isEmpty() ? "" : "(" + String.join(", ", literals) + ")"))
                    .mapTo(String.class).one();
            return new PreparedPlan(file, generic, custom, Plan.of(h, json));
        });
    }

    /** The reader's uuid, which a feed's statement binds before its own arguments, then {@code args}. */
    private static List<String> readerArgs(List<String> args) {
        List<String> all = new ArrayList<>(List.of(SOME_USER.toString()));
        all.addAll(args);
        return all;
    }

    private static List<String> cursorArgs(Cursor cursor, int fetch) {
        return List.of(cursor.createdAt().toString(), cursor.uuid().toString(), Integer.toString(fetch));
    }

    /** A statement as counted by pg_prepared_statements, and its plan. */
    private record PreparedPlan(String file, long genericPlans, long customPlans, Plan plan) {

        /** Planned once: every execution so far ran the cached generic plan. */
        void assertGenericOnly(int atLeast) {
            assertThat(customPlans).as(file + ": executions planned for their own parameters").isZero();
            assertThat(genericPlans).as(file + ": executions of the generic plan").isGreaterThanOrEqualTo(atLeast);
            assertThat(plan.json()).as(file + ": the plan explained is the generic one").contains("$1");
        }

        void assertCustomOnly(int atLeast) {
            assertThat(genericPlans).as(file + ": executions of a generic plan").isZero();
            assertThat(customPlans).as(file + ": executions planned for their own parameters").isGreaterThanOrEqualTo(atLeast);
        }

        void assertReads(String relation, String index) {
            plan.assertReads(relation, index);
        }

        void assertNoSeqScanOf(String relation) {
            plan.assertNoSeqScanOf(relation);
        }

        void assertNoSortNoSeqScanNoJit() {
            plan.assertNoSortNoSeqScanNoJit();
        }
    }

    /** One node of a plan: its type, and the table and index it reads, if any. */
    private record Node(String type, String relation, String index) {
    }

    /** EXPLAIN (FORMAT JSON)'s output, its nodes read out by PostgreSQL's own JSON path. */
    private record Plan(String json, List<Node> nodes, boolean jit) {

        static Plan of(Handle h, String json) {
            List<Node> nodes = h.createQuery("""
                            SELECT n ->> 'Node Type' AS type, n ->> 'Relation Name' AS relation, n ->> 'Index Name' AS index
                            FROM jsonb_path_query(CAST(:plan AS jsonb), 'strict $.**') AS n
                            WHERE jsonb_typeof(n) = 'object' AND n ->> 'Node Type' IS NOT NULL""")
                    .bind("plan", json)
                    .map((rs, ctx) -> new Node(rs.getString("type"), rs.getString("relation"), rs.getString("index")))
                    .list();
            boolean jit = h.createQuery("SELECT jsonb_path_exists(CAST(:plan AS jsonb), 'lax $[*].JIT')")
                    .bind("plan", json).mapTo(Boolean.class).one();
            assertThat(nodes).as("plan nodes of " + json).isNotEmpty();
            return new Plan(json, nodes, jit);
        }

        void assertReads(String relation, String index) {
            assertThat(nodes).as("reads %s through %s in %s", relation, index, json)
                    .anyMatch(n -> relation.equals(n.relation()) && index.equals(n.index())
                            || index.equals(n.index()) && n.type().startsWith("Bitmap Index Scan"));
        }

        void assertNoSeqScanOf(String relation) {
            assertThat(nodes).as("no sequential scan of %s in %s", relation, json)
                    .noneMatch(n -> n.type().equals("Seq Scan") && relation.equals(n.relation()));
        }

        void assertNoSeqScanNoJit() {
            assertThat(nodes).as("no sequential scan in " + json).noneMatch(n -> n.type().equals("Seq Scan"));
            assertThat(jit).as("JIT compilation per execution in " + json).isFalse();
        }

        void assertNoSortNoSeqScanNoJit() {
            assertThat(nodes).as("no sort and no sequential scan in " + json)
                    .noneMatch(n -> n.type().equals("Sort") || n.type().equals("Incremental Sort") || n.type().equals("Seq Scan"));
            assertThat(jit).as("JIT compilation per execution in " + json).isFalse();
        }
    }

    private static String sql(String file) {
        int slash = file.lastIndexOf('/');
        String dir = file.substring(0, slash);
        String name = file.substring(slash + 1, file.length() - ".sql".length());
        return ClasspathSqlLocator.removingComments().getResource(QueryPlansTest.class.getClassLoader(),
                "dev/cruddur/" + dir + "/" + name + ".sql");
    }

    /** Whitespace folded and every parameter ({@code :name} in our files, {@code $n} on the server) written as {@code ?}. */
    static String normalised(String sql) {
        return sql.replaceAll("\\$\\d+", "?")
                .replaceAll("(?<![:\\w]):[A-Za-z_][\\w.]*", "?")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static String positional(String normalised) {
        Matcher m = Pattern.compile("\\?").matcher(normalised);
        StringBuilder out = new StringBuilder();
        int n = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("$" + ++n));
        }
        return m.appendTail(out).toString();
    }

    private static String resource(String name) {
        try (var in = QueryPlansTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** core's compiled main resources (not the test resources, which also have a dev/cruddur). */
    private static Path mainResources() {
        try {
            return Path.of(ActivityFeeds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The uuids million.sql gives: kind 1 users, 2 cruds, 3 replies. */
    private static UUID uuid(int kind, long row) {
        return UUID.fromString(kind + "0000000-0000-4000-8000-" + String.format("%012x", row));
    }
}
