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
 * Writes a {@link ConversationPlan} into the direct-message tables, replacing what they held.
 *
 * <p>One transaction, as {@link BulkLoader} does with {@code --reset}: truncate the conversations
 * (their messages and members go with them), drop the indexes of the messages and the members and
 * the keys nothing references, COPY with FREEZE, rebuild, commit, then VACUUM and ANALYZE. Nothing
 * here fires a trigger: a member row holds what the send statement would have left in it after
 * the conversation's messages, one by one (the latest message's time, the latest expiry, the
 * number and time of the last message received, what the person has read), worked out while the
 * messages stream out. Foreign keys stay on.
 */
final class ConversationLoader {

    static final List<String> TABLES = List.of("message_groups", "messages", "message_group_members");
    /** The tables whose indexes (and, where nothing references them, primary keys) are rebuilt after the COPY. */
    static final List<String> REBUILT = List.of("messages", "message_group_members");

    /** The TTLs the API offers (dev.cruddur.activity.Ttl), longest first. */
    private static final long[] TTLS = {30 * ConversationPlan.DAY, 7 * ConversationPlan.DAY, 3 * ConversationPlan.DAY,
        ConversationPlan.DAY, 12 * ConversationPlan.HOUR, 3 * ConversationPlan.HOUR, ConversationPlan.HOUR};
    private static final long MINUTE = 60_000_000L;
    /** Unread messages: at most this many of the other person's last ones. */
    private static final int MOST_UNREAD = 3;
    /** '-infinity', the members' default for "nothing received" and "nothing unread". */
    static final long NEVER = Long.MIN_VALUE;

    private final Connection connection;
    private final Consumer<String> progress;

    ConversationLoader(Connection connection, Consumer<String> progress) {
        this.connection = connection;
        this.progress = progress;
    }

    /** What each conversation leaves in its two member rows (index 2c: the low person, 2c + 1: the high one). */
    static final class Members {
        final long[] expiresAt;
        final long[] lastReadSeq;
        final long[] lastReceivedSeq;
        final long[] lastReceivedAt;
        final long[] receivedExpiresAt;
        final long[] unreadExpiresAt;
        long expiredMessages;
        long unreadSides;

        Members(int conversations) {
            expiresAt = new long[conversations];
            lastReadSeq = new long[2 * conversations];
            lastReceivedSeq = new long[2 * conversations];
            lastReceivedAt = new long[2 * conversations];
            receivedExpiresAt = new long[2 * conversations];
            unreadExpiresAt = new long[2 * conversations];
        }
    }

    record Index(String name, String ddl) {
    }

    record Key(String table, String name, String definition) {
    }

    Members load(ConversationPlan plan) throws SQLException {
        Members members = new Members(plan.size());
        connection.setAutoCommit(false);
        try {
            List<Index> indexes = new ArrayList<>();
            List<Key> keys = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL maintenance_work_mem = '256MB'");
                statement.execute("TRUNCATE message_groups CASCADE");
                for (String table : REBUILT) {
                    indexes.addAll(droppableIndexes(table));
                    keys.addAll(unreferencedKeys(table));
                }
                for (Index index : indexes) {
                    statement.execute("DROP INDEX " + index.name());
                }
                for (Key key : keys) {
                    statement.execute("ALTER TABLE " + key.table() + " DROP CONSTRAINT " + key.name());
                }
                for (String table : TABLES) {
                    statement.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                }
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            try (CopyStream out = new CopyStream(copy.copyIn(
                    "COPY message_groups (uuid, low_user_uuid, high_user_uuid, last_seq, created_at) FROM STDIN (FREEZE)"))) {
                for (int c = 0; c < plan.size(); c++) {
                    out.uuid(plan.uuids[c]).uuid(plan.users[plan.low[c]]).uuid(plan.users[plan.high[c]])
                            .integer(plan.messageCount[c]).timestamp(plan.firstAt[c]);
                    out.endRow();
                }
                progress.accept("copied " + out.finish() + " conversations in " + millisSince(started) + " ms");
            }
            started = System.nanoTime();
            try (CopyStream out = new CopyStream(copy.copyIn("COPY messages (uuid, message_group_uuid, seq, sender_uuid,"
                    + " message, created_at, expires_at) FROM STDIN (FREEZE)"))) {
                writeMessages(plan, members, out);
                progress.accept("copied " + out.finish() + " messages (" + members.expiredMessages + " expired) in "
                        + millisSince(started) + " ms");
            }
            started = System.nanoTime();
            try (CopyStream out = new CopyStream(copy.copyIn("COPY message_group_members (user_uuid, message_group_uuid,"
                    + " other_user_uuid, last_message_at, expires_at, last_read_seq, last_received_seq, last_received_at,"
                    + " received_expires_at, unread_expires_at) FROM STDIN (FREEZE)"))) {
                writeMembers(plan, members, out);
                progress.accept("copied " + out.finish() + " member rows (" + members.unreadSides + " with unread messages) in "
                        + millisSince(started) + " ms");
            }
            try (Statement statement = connection.createStatement()) {
                for (String table : TABLES) {
                    statement.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
                }
                for (Key key : keys) {
                    started = System.nanoTime();
                    statement.execute("ALTER TABLE " + key.table() + " ADD CONSTRAINT " + key.name() + " " + key.definition());
                    progress.accept("rebuilt " + key.name() + " in " + millisSince(started) + " ms");
                }
                for (Index index : indexes) {
                    started = System.nanoTime();
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
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("VACUUM (ANALYZE) " + table);
            }
        }
        progress.accept("vacuumed and analyzed in " + millisSince(started) + " ms");
        return members;
    }

    /**
     * Each conversation's messages, oldest (seq 1) first, and what they leave in its member rows.
     * A message self-destructs like a crud: most are visible with a TTL that keeps them so for at
     * least a day more; a share {@code expiredShare} had a shorter TTL and are gone (every message
     * of an expired conversation is). A visible conversation keeps at least one visible message.
     */
    static void writeMessages(ConversationPlan plan, Members members, CopyStream out) throws SQLException {
        long global = 0;
        for (int c = 0; c < plan.size(); c++) {
            SplittableRandom random = new SplittableRandom(plan.seeds[c]);
            Messages texts = new Messages(random.split());
            int n = plan.messageCount[c];
            long[] times = times(plan, c, random);
            int low = 2 * c;
            int high = 2 * c + 1;
            boolean anyVisible = false;
            long latestExpiry = NEVER;
            int lastSender = -1;
            int run = 0;
            long[] recentExpiry = new long[MOST_UNREAD];
            members.lastReceivedAt[low] = members.lastReceivedAt[high] = NEVER;
            members.receivedExpiresAt[low] = members.receivedExpiresAt[high] = NEVER;
            for (int seq = 1; seq <= n; seq++, global++) {
                long createdAt = times[seq - 1];
                long age = plan.now - createdAt;
                boolean expire = plan.expired[c]
                        || GeneratorOptions.selects((int) global, plan.expiredShare)
                        && age > ConversationPlan.HOUR + MINUTE && !(seq == n && !anyVisible);
                long ttl = expire ? expiredTtl(random, age) : visibleTtl(random, age);
                long expiresAt = createdAt + ttl;
                anyVisible |= !expire;
                members.expiredMessages += expire ? 1 : 0;
                // Both of a pair of minted people have written (the first two messages), so either
                // may write again whatever the other's setting (messages_accepted).
                int sender = c < plan.mintedPairs && seq <= 2 ? seq - 1 : random.nextBoolean() ? 0 : 1;
                int receiver = sender == 0 ? high : low;
                out.uuid(DatasetPlan.randomUuid(random)).uuid(plan.uuids[c])
                        .integer(seq).uuid(plan.users[sender == 0 ? plan.low[c] : plan.high[c]])
                        .text(texts.next(List.of())).timestamp(createdAt).timestamp(expiresAt);
                out.endRow();
                latestExpiry = Math.max(latestExpiry, expiresAt);
                members.lastReceivedSeq[receiver] = seq;
                members.lastReceivedAt[receiver] = createdAt;
                members.receivedExpiresAt[receiver] = Math.max(members.receivedExpiresAt[receiver], expiresAt);
                run = sender == lastSender ? run + 1 : 1;
                lastSender = sender;
                recentExpiry[seq % MOST_UNREAD] = expiresAt;
            }
            members.expiresAt[c] = latestExpiry;
            for (int side = 0; side < 2; side++) {
                int row = 2 * c + side;
                // Unread: only a trailing run of the other person's messages, so the state is one
                // the API can leave whether or not a send also marks the sender's own side read.
                int trailing = lastSender != side ? run : 0;
                members.lastReadSeq[row] = n;
                members.unreadExpiresAt[row] = NEVER;
                if (trailing > 0 && random.nextDouble() < plan.unreadShare) {
                    int unread = 1 + random.nextInt(Math.min(trailing, MOST_UNREAD));
                    members.lastReadSeq[row] = n - unread;
                    long unreadExpiry = NEVER;
                    for (int seq = n - unread + 1; seq <= n; seq++) {
                        unreadExpiry = Math.max(unreadExpiry, recentExpiry[seq % MOST_UNREAD]);
                    }
                    members.unreadExpiresAt[row] = unreadExpiry;
                    members.unreadSides++;
                }
            }
        }
    }

    private static void writeMembers(ConversationPlan plan, Members members, CopyStream out) throws SQLException {
        for (int c = 0; c < plan.size(); c++) {
            for (int side = 0; side < 2; side++) {
                int row = 2 * c + side;
                int me = side == 0 ? plan.low[c] : plan.high[c];
                int other = side == 0 ? plan.high[c] : plan.low[c];
                out.uuid(plan.users[me]).uuid(plan.uuids[c]).uuid(plan.users[other])
                        .timestamp(plan.lastAt[c]).timestamp(members.expiresAt[c])
                        .integer(members.lastReadSeq[row]).integer(members.lastReceivedSeq[row]);
                time(out, members.lastReceivedAt[row]);
                time(out, members.receivedExpiresAt[row]);
                time(out, members.unreadExpiresAt[row]);
                out.endRow();
            }
        }
    }

    private static void time(CopyStream out, long micros) {
        if (micros == NEVER) {
            out.text("-infinity");
        } else {
            out.timestamp(micros);
        }
    }


    /** The first message at the conversation's first time, the last at its latest, the others between, in order. */
    private static long[] times(ConversationPlan plan, int c, SplittableRandom random) {
        int n = plan.messageCount[c];
        long[] times = new long[n];
        long first = plan.firstAt[c];
        long last = plan.lastAt[c];
        times[0] = first;
        times[n - 1] = last;
        for (int i = 1; i < n - 1; i++) {
            times[i] = first + (long) (random.nextDouble() * (last - first));
        }
        java.util.Arrays.sort(times, 0, n);
        return times;
    }

    /** A TTL that keeps a message of this age visible for at least a day more. */
    private static long visibleTtl(SplittableRandom random, long age) {
        int usable = 0;
        while (usable < TTLS.length && TTLS[usable] > age + ConversationPlan.DAY) {
            usable++;
        }
        if (usable == 0) {
            throw new IllegalStateException("a message older than the longest TTL cannot be visible");
        }
        return TTLS[random.nextInt(usable)];
    }

    /** A TTL that ran out at least a minute ago, for a message of this age (older than an hour and a minute). */
    private static long expiredTtl(SplittableRandom random, long age) {
        int first = 0;
        while (first < TTLS.length && TTLS[first] + MINUTE >= age) {
            first++;
        }
        if (first == TTLS.length) {
            throw new IllegalStateException("a message younger than an hour cannot have expired");
        }
        return TTLS[first + random.nextInt(TTLS.length - first)];
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** The indexes that back no constraint (unique ones included): rebuilt from their definitions. */
    private List<Index> droppableIndexes(String table) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT quote_ident(i.relname), pg_get_indexdef(i.oid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = CAST(? AS regclass)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                ORDER BY i.relname""")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    indexes.add(new Index(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return indexes;
    }

    /** The table's primary key, when no foreign key points at the table. */
    private List<Key> unreferencedKeys(String table) throws SQLException {
        List<Key> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT quote_ident(c.conname), pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.conrelid = CAST(? AS regclass) AND c.contype = 'p'
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.conrelid)""")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(new Key(table, rows.getString(1), rows.getString(2)));
                }
            }
        }
        return keys;
    }
}
