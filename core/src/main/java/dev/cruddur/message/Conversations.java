package dev.cruddur.message;

import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.error.NotFoundException;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A person's conversations: the list, one of them, and the unread counts their badge polls.
 * Someone else's conversation is never found: it is answered exactly as one that does not exist.
 */
public final class Conversations {

    /** Unread counts stop here, as the notifications' do: a badge shows "99+" from 100 on. */
    public static final int UNREAD_COUNTED_UP_TO = 100;

    private final Jdbi jdbi;

    public Conversations(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The latest message first; conversations whose messages have all expired are not there. */
    public Page<Conversation> list(UUID readerUuid, PageRequest page) {
        return Page.fromOverfetch(
                jdbi.withHandle(h -> new MessageDao(h).conversations(readerUuid, page.cursor(), page.limit() + 1,
                        UNREAD_COUNTED_UP_TO)),
                page, Conversation::cursor);
    }

    /** @throws NotFoundException {@code message_group_not_found} unless the reader is in it */
    public MessageGroup find(UUID readerUuid, UUID groupUuid) {
        return jdbi.withHandle(h -> new MessageDao(h).conversation(readerUuid, groupUuid))
                .map(MessageDao.Membership::group)
                .orElseThrow(Conversations::notFound);
    }

    public UnreadMessages unread(UUID readerUuid) {
        return jdbi.withHandle(h -> new MessageDao(h).unreadCounts(readerUuid, UNREAD_COUNTED_UP_TO));
    }

    /** One answer for a conversation that does not exist and for someone else's. */
    public static NotFoundException notFound() {
        return new NotFoundException("message_group_not_found", "There is no conversation with that id.");
    }
}
