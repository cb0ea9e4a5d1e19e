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
 * indexes of {@code activities}, COPY with FREEZE, rebuild the indexes, commit. Building an index
 * once over a million rows is far cheaper than updating six of them (one a trigram GIN) row by
 * row, and because DDL is transactional a failure part way leaves the schema exactly as the
 * migrations made it. The index definitions are read from the catalog, so this never carries a
 * second copy of the migration SQL. Without {@code reset}, rows are appended with plain COPY.
 */
final class BulkLoader {

    /** One user in ten has no Cognito identity, like the seed users. */
    static final double USERS_WITHOUT_COGNITO_SHARE = 0.1;

    private final Connection connection;
    private final Consumer<String> progress;

    /** @param progress told what each phase took */
    BulkLoader(Connection connection, Consumer<String> progress) {
        this.connection = connection;
        this.progress = progress;
    }

    /** Index definitions of {@code activities} other than its primary key. */
    record IndexDefinition(String name, String ddl) {
    }

    void load(DatasetPlan plan) throws SQLException {
        boolean reset = plan.options.reset();
        connection.setAutoCommit(false);
        try {
            List<IndexDefinition> dropped = List.of();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL maintenance_work_mem = '256MB'");
                if (reset) {
                    // CASCADE: the tables that hang off activities (activity_hashtags) go too.
                    statement.execute("TRUNCATE activities, users CASCADE");
                    dropped = secondaryIndexes();
                    for (IndexDefinition index : dropped) {
                        statement.execute("DROP INDEX " + index.name());
                    }
                }
            }
            CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
            String freeze = reset ? " (FREEZE)" : "";
            try (CopyStream users = new CopyStream(copyManager.copyIn(
                    "COPY users (uuid, display_name, handle, email, cognito_user_id, created_at) FROM STDIN" + freeze))) {
                long started = System.nanoTime();
                writeUsers(plan, users);
                progress.accept("copied " + users.finish() + " users in " + millisSince(started) + " ms");
            }
            try (CopyStream activities = new CopyStream(copyManager.copyIn(
                    "COPY activities (uuid, user_uuid, message, replies_count, reply_to_activity_uuid,"
                            + " reply_to_user_uuid, expires_at, created_at) FROM STDIN" + freeze))) {
                long started = System.nanoTime();
                writeActivities(plan, activities);
                progress.accept("copied " + activities.finish() + " activities in " + millisSince(started) + " ms");
            }
            try (Statement statement = connection.createStatement()) {
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
        // Fresh statistics, or the planner guesses at a million rows it has never seen.
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE users");
            statement.execute("ANALYZE activities");
            statement.execute("ANALYZE activity_hashtags");
        }
        progress.accept("analyzed in " + millisSince(started) + " ms");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private List<IndexDefinition> secondaryIndexes() throws SQLException {
        List<IndexDefinition> indexes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT quote_ident(i.relname), pg_get_indexdef(i.oid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = 'activities'::regclass
                  AND NOT x.indisprimary
                  AND NOT x.indisunique
                ORDER BY i.relname""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                indexes.add(new IndexDefinition(rows.getString(1), rows.getString(2)));
            }
        }
        return indexes;
    }

    private static void writeUsers(DatasetPlan plan, CopyStream out) throws SQLException {
        SplittableRandom random = new SplittableRandom(plan.options.seed() + 1);
        People people = new People(random.split());
        for (int i = 0; i < plan.users.length; i++) {
            People.Person person = people.person(i + 1);
            String cognitoUserId = GeneratorOptions.selects(i, USERS_WITHOUT_COGNITO_SHARE)
                    ? null : DatasetPlan.randomUuid(random).toString();
            out.uuid(plan.users[i]).text(person.displayName()).text(person.handle()).text(person.email())
                    .text(cognitoUserId).timestamp(plan.usersCreatedAt + i);
            out.endRow();
        }
    }

    private static void writeActivities(DatasetPlan plan, CopyStream out) throws SQLException {
        Messages messages = new Messages(new SplittableRandom(plan.options.seed() + 2));
        for (int i = 0; i < plan.cruds.length; i++) {
            out.uuid(plan.cruds[i]).uuid(plan.users[plan.crudAuthor[i]]).text(messages.next(plan.hashtags(i)))
                    .integer(plan.crudReplies[i]).uuid(null).uuid(null)
                    .timestamp(plan.crudExpiresAt[i]).timestamp(plan.crudCreatedAt[i]);
            out.endRow();
        }
        // After every crud, so each reply's parent is already in the table for its foreign key.
        for (int i = 0; i < plan.replies.length; i++) {
            int parent = plan.replyParent[i];
            out.uuid(plan.replies[i]).uuid(plan.users[plan.replyAuthor[i]]).text(messages.next(List.of()))
                    .integer(0).uuid(plan.cruds[parent]).uuid(plan.users[plan.crudAuthor[parent]])
                    .timestamp(plan.crudExpiresAt[parent]).timestamp(plan.replyCreatedAt[i]);
            out.endRow();
        }
    }
}
