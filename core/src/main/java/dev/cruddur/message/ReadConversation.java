package dev.cruddur.message;

import dev.cruddur.error.NotFoundException;
import java.util.ArrayList;
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
    public MessagePage read(UUID readerUuid, UUID groupUuid, int limit, MessageCursor cursor) {
        return jdbi.withHandle(h -> {
            MessageDao dao = new MessageDao(h);
            MessageDao.Page page = dao.page(readerUuid, groupUuid, cursor.beforeSeq(), limit + 1)
                    .orElseThrow(Conversations::notFound);
            MessageDao.Reader reader = page.reader();
            List<MessageDao.Row> rows = page.messages();
            // What the reader has now been shown: the newest message of the first page. Marked
            // only when it moves the mark, so reopening a read conversation writes nothing.
            if (cursor.isStart() && !rows.isEmpty() && rows.get(0).seq() > reader.membership().lastReadSeq()) {
                dao.markRead(readerUuid, groupUuid, rows.get(0).seq());
            }
            MessageGroup group = reader.membership().group();
            List<Message> messages = new ArrayList<>(rows.size());
            for (MessageDao.Row row : rows) {
                boolean mine = row.senderUuid().equals(readerUuid);
                messages.add(new Message(row.uuid(), groupUuid, row.seq(),
                        mine ? reader.handle() : group.handle(),
                        mine ? reader.displayName() : group.displayName(),
                        row.message(), row.createdAt(), row.expiresAt(), mine));
            }
            return MessagePage.fromOverfetch(messages, limit);
        });
    }
}
