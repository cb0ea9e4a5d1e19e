package dev.cruddur.message;

import dev.cruddur.error.NotFoundException;
import dev.cruddur.user.User;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A page of one conversation's messages, newest first, for one of its two people; opening it
 * (the first page) marks it read up to the newest message shown.
 */
public final class ReadConversation {

    private final Jdbi jdbi;

    public ReadConversation(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param limit  how many messages, as validated by {@code PageRequest}
     * @param cursor {@link MessageCursor#START} for the first page
     * @throws NotFoundException {@code message_group_not_found} unless the reader is in it
     */
    public MessagePage read(User reader, UUID groupUuid, int limit, MessageCursor cursor) {
        return jdbi.withHandle(h -> {
            MessageDao dao = new MessageDao(h);
            MessageDao.Membership membership = dao.conversation(reader.uuid(), groupUuid)
                    .orElseThrow(Conversations::notFound);
            List<MessageDao.Row> rows = dao.messages(reader.uuid(), groupUuid, cursor.beforeSeq(), limit + 1);
            // What the reader has now been shown: the newest message of the first page. Marked
            // only when it moves the mark, so reopening a read conversation writes nothing.
            if (cursor.isStart() && !rows.isEmpty() && rows.get(0).seq() > membership.lastReadSeq()) {
                dao.markRead(reader.uuid(), groupUuid, rows.get(0).seq());
            }
            MessageGroup group = membership.group();
            return MessagePage.fromOverfetch(rows.stream().map(row -> {
                boolean mine = row.senderUuid().equals(reader.uuid());
                return new Message(row.uuid(), groupUuid, row.seq(),
                        mine ? reader.handle() : group.handle(), mine ? reader.displayName() : group.displayName(),
                        row.message(), row.createdAt(), row.expiresAt(), mine);
            }).toList(), limit);
        });
    }
}
