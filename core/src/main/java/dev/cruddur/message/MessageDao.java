package dev.cruddur.message;

import dev.cruddur.activity.Cursor;
import dev.cruddur.database.DirectStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The SQL behind direct messages; each method runs the file of the same name in
 * {@code resources/dev/cruddur/message/MessageDao/}, read once and run as a
 * {@link DirectStatement}: the send, the list and a conversation's page are hot paths (the
 * unread counts are polled by every open tab), for the reason given on {@code ActivityDao}.
 */
final class MessageDao {

    private static final DirectStatement SEND = sql("send");
    private static final DirectStatement CONVERSATIONS = sql("conversations");
    private static final DirectStatement CONVERSATION = sql("conversation");
    private static final DirectStatement PAGE = sql("page");
    private static final DirectStatement MARK_READ = sql("markRead");
    private static final DirectStatement LOCK_FOR_DELETE = sql("lockForDelete");
    private static final DirectStatement DELETE_MESSAGE = sql("deleteMessage");
    private static final DirectStatement UNREAD_COUNTS = sql("unreadCounts");
    private static final Comparator<Row> NEWEST_FIRST = Comparator.comparingLong(Row::seq).reversed();

    private final Handle handle;

    MessageDao(Handle handle) {
        this.handle = handle;
    }

    /**
     * What the send did.
     *
     * @param senderHandle  with {@code senderDisplayName}, the sender's as their row says; null when
     *                      they have no row (nothing was written then)
     * @param recipientUuid null when there is no such person or no such conversation of the sender's;
     *                      the sender's own when the handle was theirs (nothing was written then)
     * @param accepted      whether the recipient accepts messages from the sender (nothing was written if not)
     * @param written       the message's row; null when nothing was written
     */
    record Sent(String senderHandle, String senderDisplayName, UUID recipientUuid, boolean accepted, Written written) {
    }

    /** A message just written, before it is put in a reader's words. */
    record Written(UUID uuid, UUID messageGroupUuid, long seq, String message, Instant createdAt, Instant expiresAt) {
    }

    /**
     * One message to send.
     *
     * @param recipientHandle or {@code groupUuid}: the other is null
     */
    record Outgoing(UUID senderUuid, String recipientHandle, UUID groupUuid, String message, long ttlSeconds) {
    }

    /** Sends them in one statement; one answer for each, in their order. */
    List<Sent> send(List<Outgoing> sends) {
        int count = sends.size();
        UUID[] senders = new UUID[count];
        String[] handles = new String[count];
        UUID[] groups = new UUID[count];
        String[] messages = new String[count];
        Long[] ttlSeconds = new Long[count];
        for (int i = 0; i < count; i++) {
            Outgoing send = sends.get(i);
            senders[i] = send.senderUuid();
            handles[i] = send.recipientHandle();
            groups[i] = send.groupUuid();
            messages[i] = send.message();
            ttlSeconds[i] = send.ttlSeconds();
        }
        List<Sent> sent = SEND.list(handle,
                a -> a.set("senders", "uuid", senders).set("handles", "text", handles).set("groups", "uuid", groups)
                        .set("messages", "text", messages).set("ttlSeconds", "bigint", ttlSeconds),
                rs -> new Sent(
                        rs.getString("sender_handle"),
                        rs.getString("sender_display_name"),
                        rs.getObject("recipient_uuid", UUID.class),
                        rs.getBoolean("accepted"),
                        rs.getObject("uuid") == null ? null : new Written(
                                rs.getObject("uuid", UUID.class),
                                rs.getObject("message_group_uuid", UUID.class),
                                rs.getLong("seq"),
                                rs.getString("message"),
                                instant(rs, "created_at"),
                                instant(rs, "expires_at"))));
        if (sent.size() != count) {
            throw new IllegalStateException("the send returned " + sent.size() + " rows for " + count + " messages");
        }
        return sent;
    }

    List<Conversation> conversations(UUID readerUuid, Cursor cursor, int fetch, int countedUpTo) {
        return CONVERSATIONS.list(handle,
                a -> a.set("readerUuid", readerUuid)
                        .set("cursor.createdAt", cursor.createdAt())
                        .set("cursor.uuid", cursor.uuid())
                        .set("fetch", fetch)
                        .set("countedUpTo", countedUpTo),
                rs -> new Conversation(
                        rs.getObject("message_group_uuid", UUID.class),
                        rs.getString("handle"),
                        rs.getString("display_name"),
                        Conversation.firstLine(rs.getString("message")),
                        instant(rs, "created_at"),
                        rs.getInt("unread_count"),
                        instant(rs, "last_message_at")));
    }

    /** The reader's side of the conversation; empty when they are not in it (or it does not exist). */
    Optional<Membership> conversation(UUID readerUuid, UUID groupUuid) {
        return CONVERSATION.findOne(handle, a -> a.set("readerUuid", readerUuid).set("groupUuid", groupUuid),
                rs -> new Membership(
                        new MessageGroup(
                                rs.getObject("message_group_uuid", UUID.class),
                                rs.getObject("other_user_uuid", UUID.class),
                                rs.getString("handle"),
                                rs.getString("display_name")),
                        rs.getLong("last_read_seq")));
    }

    /** @param lastReadSeq everything up to this number the reader has read */
    record Membership(MessageGroup group, long lastReadSeq) {
    }

    /**
     * The reader's side of the conversation and its messages before {@code beforeSeq}, newest
     * first; empty when the reader is not in it (or it does not exist).
     */
    Optional<Page> page(UUID readerUuid, UUID groupUuid, long beforeSeq, int fetch) {
        List<PageRow> rows = PAGE.list(handle,
                a -> a.set("readerUuid", readerUuid).set("groupUuid", groupUuid).set("beforeSeq", beforeSeq)
                        .set("fetch", fetch),
                rs -> new PageRow(
                        rs.getRow() > 1 ? null : new Reader(
                                new Membership(
                                        new MessageGroup(groupUuid, rs.getObject("other_user_uuid", UUID.class),
                                                rs.getString("handle"), rs.getString("display_name")),
                                        rs.getLong("last_read_seq")),
                                rs.getString("reader_handle"),
                                rs.getString("reader_display_name")),
                        rs.getObject("uuid") == null ? null : new Row(
                                rs.getObject("uuid", UUID.class),
                                rs.getLong("seq"),
                                rs.getObject("sender_uuid", UUID.class),
                                rs.getString("message"),
                                instant(rs, "created_at"),
                                instant(rs, "expires_at"))));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Row> messages = new ArrayList<>(rows.size());
        for (PageRow row : rows) {
            if (row.message() != null) {
                messages.add(row.message());
            }
        }
        messages.sort(NEWEST_FIRST);
        return Optional.of(new Page(rows.get(0).reader(), messages));
    }

    /** The reader's side of a conversation and their own name, for the messages they sent. */
    record Reader(Membership membership, String handle, String displayName) {
    }

    /** A conversation's page as its reader sees it: newest first. */
    record Page(Reader reader, List<Row> messages) {
    }

    /** One row of page.sql: the reader's side on the first row only; no message when none is visible. */
    private record PageRow(Reader reader, Row message) {
    }

    /** A message of a page, its sender not yet named. */
    record Row(UUID uuid, long seq, UUID senderUuid, String message, Instant createdAt, Instant expiresAt) {
    }

    void markRead(UUID readerUuid, UUID groupUuid, long upToSeq) {
        MARK_READ.execute(handle, a -> a.set("readerUuid", readerUuid).set("groupUuid", groupUuid).set("upToSeq", upToSeq));
    }

    /** In a transaction, before {@link #deleteMessage}: the message's conversation, locked, and its sender. */
    Optional<Target> lockForDelete(UUID userUuid, UUID messageUuid) {
        return LOCK_FOR_DELETE.findOne(handle, a -> a.set("userUuid", userUuid).set("uuid", messageUuid),
                rs -> new Target(rs.getObject("message_group_uuid", UUID.class), rs.getObject("sender_uuid", UUID.class)));
    }

    /** A message found for deleting. */
    record Target(UUID messageGroupUuid, UUID senderUuid) {
    }

    /** @return whether it was there to delete */
    boolean deleteMessage(UUID messageUuid, UUID groupUuid, UUID senderUuid) {
        return !DELETE_MESSAGE.list(handle,
                a -> a.set("uuid", messageUuid).set("groupUuid", groupUuid).set("senderUuid", senderUuid),
                rs -> rs.getObject("user_uuid", UUID.class)).isEmpty();
    }

    UnreadMessages unreadCounts(UUID readerUuid, int countedUpTo) {
        return UNREAD_COUNTS.findOne(handle, a -> a.set("readerUuid", readerUuid).set("countedUpTo", countedUpTo),
                rs -> {
                    OffsetDateTime last = rs.getObject("last_message_at", OffsetDateTime.class);
                    return new UnreadMessages(rs.getInt("unread_groups"), last == null ? null : last.toInstant());
                }).orElseThrow();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static DirectStatement sql(String name) {
        return DirectStatement.fromFile(MessageDao.class, name);
    }
}
