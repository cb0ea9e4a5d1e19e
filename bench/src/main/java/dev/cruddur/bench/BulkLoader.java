package dev.cruddur.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a {@link DatasetPlan} into a database whose schema the migrations created.
 *
 * <p>With {@code reset}, everything happens in one transaction: truncate, drop the secondary
 * indexes of the loaded tables (and the primary keys of the tables no foreign key points at),
 * switch off their row triggers, COPY with FREEZE, fill what the triggers would have filled with
 * one {@code INSERT ... SELECT} each, switch the triggers back on, rebuild the indexes and keys,
 * commit. Building an index once over millions of rows is far cheaper than updating it row by
 * row, and one statement per derived table far cheaper than a trigger call per row; because DDL
 * is transactional a failure part way leaves the schema exactly as the migrations made it. The
 * index and key definitions are read from the catalog, and the derived rows are made as the
 * migrations backfilled them (GenerateDataTest checks them against what the triggers make).
 * Without {@code reset}, rows are appended with plain COPY, and the triggers fill the derived tables.
 */
final class BulkLoader {

    /** One user in ten has no Cognito identity, like the seed users. */
    static final double USERS_WITHOUT_COGNITO_SHARE = 0.1;

    /** The tables a load writes, directly or through their triggers. */
    static final List<String> TABLES = List.of(
            "users", "activities", "activity_hashtags", "follows", "reactions", "feed_entries", "notifications");
    /** The tables whose row triggers fill the others (activity_hashtags, feed_entries, notifications). */
    static final List<String> TRIGGER_TABLES = List.of("activities", "follows", "reactions");
    /** The tables whose primary keys no foreign key references, dropped and rebuilt with the indexes. */
    static final List<String> REBUILT_KEYS = List.of("activity_hashtags", "follows", "reactions", "feed_entries", "notifications");

    /**
     * What the row triggers make, for the rows already loaded, in bulk: the hashtags as their
     * migration (V8) backfilled them, and the social core's rows by the function its migration
     * backfilled with.
     */
    static final List<String> DERIVED = List.of(
            """
            INSERT INTO activity_hashtags (tag, created_at, activity_uuid, expires_at)
            SELECT t.tag, a.created_at, a.uuid, a.expires_at
            FROM activities a, activity_hashtags_of(a.message) AS t(tag)
            WHERE a.reply_to_activity_uuid IS NULL AND strpos(a.message, '#') > 0""",
            "SELECT derive_social_rows()");

    private final Connection connection;
    private final Consumer<String> progress;

    /** @param progress told what each phase took */
    BulkLoader(Connection connection, Consumer<String> progress) {
        this.connection = connection;
        this.progress = progress;
    }

    /** Index definitions of a loaded table other than its primary key and unique indexes. */
    record IndexDefinition(String name, String ddl) {
    }

    /** A primary key dropped for the load: its table, name and definition. */
    record KeyDefinition(String table, String name, String definition) {
    }

    void load(DatasetPlan plan) throws SQLException {
        boolean reset = plan.options.reset();
        connection.setAutoCommit(false);
        try {
            List<IndexDefinition> dropped = new ArrayList<>();
            List<KeyDefinition> droppedKeys = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL maintenance_work_mem = '256MB'");
                if (reset) {
                    // CASCADE: the tables that hang off activities and users go too.
                    statement.execute("TRUNCATE activities, users CASCADE");
                    for (String table : TABLES) {
                        dropped.addAll(secondaryIndexes(table));
                    }
                    for (IndexDefinition index : dropped) {
                        statement.execute("DROP INDEX " + index.name());
                    }
                    for (String table : REBUILT_KEYS) {
                        droppedKeys.addAll(primaryKeys(table));
                    }
                    for (KeyDefinition key : droppedKeys) {
                        statement.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT " + key.name());
                    }
                    for (String table : TRIGGER_TABLES) {
                        statement.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                    }
                }
            }
            CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
            String freeze = reset ? " (FREEZE)" : "";
            try (CopyStream users = new CopyStream(copyManager.copyIn(
                    "COPY users (uuid, display_name, handle, email, cognito_user_id, created_at, followers_count,"
                            + " following_count) FROM STDIN" + freeze))) {
                long started = System.nanoTime();
                writeUsers(plan, users);
                progress.accept("copied " + users.finish() + " users in " + millisSince(started) + " ms");
            }
            try (CopyStream activities = new CopyStream(copyManager.copyIn(
                    "COPY activities (uuid, user_uuid, message, replies_count, reply_to_activity_uuid,"
                            + " reply_to_user_uuid, expires_at, created_at, likes_count, reposts_count) FROM STDIN" + freeze))) {
                long started = System.nanoTime();
                writeActivities(plan, activities);
                progress.accept("copied " + activities.finish() + " activities in " + millisSince(started) + " ms");
            }
            try (CopyStream follows = new CopyStream(copyManager.copyIn(
                    "COPY follows (follower_uuid, followee_uuid, created_at) FROM STDIN" + freeze))) {
                long started = System.nanoTime();
                writeFollows(plan, follows);
                progress.accept("copied " + follows.finish() + " follows in " + millisSince(started) + " ms");
            }
            try (CopyStream reactions = new CopyStream(copyManager.copyIn(
                    "COPY reactions (activity_uuid, user_uuid, kind, created_at) FROM STDIN" + freeze))) {
                long started = System.nanoTime();
                writeReactions(plan, reactions);
                progress.accept("copied " + reactions.finish() + " likes and reposts in " + millisSince(started) + " ms");
            }
            try (Statement statement = connection.createStatement()) {
                if (reset) {
                    for (String sql : DERIVED) {
                        long started = System.nanoTime();
                        statement.execute(sql);
                        progress.accept("derived (" + sql.lines().findFirst().orElse("") + ") in "
                                + millisSince(started) + " ms");
                    }
                    for (String table : TRIGGER_TABLES) {
                        statement.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
                    }
                }
                for (KeyDefinition key : droppedKeys) {
                    long started = System.nanoTime();
                    statement.execute("ALTER TABLE " + key.table() + " ADD CONSTRAINT " + key.name() + " " + key.definition());
                    progress.accept("rebuilt " + key.name() + " in " + millisSince(started) + " ms");
                }
                for (IndexDefinition index : dropped) {
                    long started = System.nanoTime();
                    statement.execute(index.ddl());
                    progress.accept("rebuilt " + index.name() + " in " + millisSince(started) + " ms");
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        // Fresh statistics, or the planner guesses at a million rows it has never seen; and a
        // visibility map for the tables filled by INSERT (COPY FREEZE set it for the others), or
        // every index-only scan of a feed or notification page also reads the heap, as it would
        // until autovacuum got round to it, in the middle of a measurement.
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("VACUUM (ANALYZE) " + table);
            }
        }
        progress.accept("vacuumed and analyzed in " + millisSince(started) + " ms");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private List<IndexDefinition> secondaryIndexes(String table) throws SQLException {
        List<IndexDefinition> indexes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT quote_ident(i.relname), pg_get_indexdef(i.oid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = CAST(? AS regclass)
                  AND NOT x.indisprimary
                  AND NOT x.indisunique
                ORDER BY i.relname""")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    indexes.add(new IndexDefinition(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return indexes;
    }

    private List<KeyDefinition> primaryKeys(String table) throws SQLException {
        List<KeyDefinition> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT quote_ident(c.conname), pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.conrelid = CAST(? AS regclass) AND c.contype = 'p'""")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(new KeyDefinition(table, rows.getString(1), rows.getString(2)));
                }
            }
        }
        return keys;
    }

    private static void writeUsers(DatasetPlan plan, CopyStream out) throws SQLException {
        SplittableRandom random = new SplittableRandom(plan.options.seed() + 1);
        People people = new People(random.split());
        for (int i = 0; i < plan.users.length; i++) {
            People.Person person = people.person(i + 1);
            String cognitoUserId = GeneratorOptions.selects(i, USERS_WITHOUT_COGNITO_SHARE)
                    ? null : DatasetPlan.randomUuid(random).toString();
            out.uuid(plan.users[i]).text(person.displayName()).text(person.handle()).text(person.email())
                    .text(cognitoUserId).timestamp(plan.usersCreatedAt + i)
                    .integer(plan.followersCount[i]).integer(plan.following(i));
            out.endRow();
        }
    }

    private static void writeActivities(DatasetPlan plan, CopyStream out) throws SQLException {
        Messages messages = new Messages(new SplittableRandom(plan.options.seed() + 2));
        for (int i = 0; i < plan.cruds.length; i++) {
            out.uuid(plan.cruds[i]).uuid(plan.users[plan.crudAuthor[i]]).text(messages.next(plan.hashtags(i)))
                    .integer(plan.crudReplies[i]).uuid(null).uuid(null)
                    .timestamp(plan.crudExpiresAt[i]).timestamp(plan.crudCreatedAt[i])
                    .integer(plan.crudLikes[i]).integer(plan.crudReposts[i]);
            out.endRow();
        }
        // After every crud, so each reply's parent is already in the table for its foreign key.
        for (int i = 0; i < plan.replies.length; i++) {
            int parent = plan.replyParent[i];
            out.uuid(plan.replies[i]).uuid(plan.users[plan.replyAuthor[i]]).text(messages.next(List.of()))
                    .integer(0).uuid(plan.cruds[parent]).uuid(plan.users[plan.crudAuthor[parent]])
                    .timestamp(plan.crudExpiresAt[parent]).timestamp(plan.replyCreatedAt[i])
                    .integer(0).integer(0);
            out.endRow();
        }
    }

    private static void writeFollows(DatasetPlan plan, CopyStream out) throws SQLException {
        for (int u = 0; u < plan.users.length; u++) {
            for (int i = plan.followStart[u]; i < plan.followStart[u + 1]; i++) {
                out.uuid(plan.users[u]).uuid(plan.users[plan.followees[i]]).timestamp(plan.followCreatedAt[i]);
                out.endRow();
            }
        }
    }

    private static void writeReactions(DatasetPlan plan, CopyStream out) throws SQLException {
        for (int i = 0; i < plan.likeCrud.length; i++) {
            out.uuid(plan.cruds[plan.likeCrud[i]]).uuid(plan.users[plan.likeUser[i]]).text("like")
                    .timestamp(plan.likeCreatedAt[i]);
            out.endRow();
        }
        for (int i = 0; i < plan.repostCrud.length; i++) {
            out.uuid(plan.cruds[plan.repostCrud[i]]).uuid(plan.users[plan.repostUser[i]]).text("repost")
                    .timestamp(plan.repostCreatedAt[i]);
            out.endRow();
        }
    }
}
