package dev.cruddur.message;

import java.util.List;
import java.util.Optional;

/** One page of a conversation, newest first, and where the next one starts (empty on the last page). */
public record MessagePage(List<Message> items, Optional<MessageCursor> next) {

    public MessagePage {
        items = List.copyOf(items);
    }

    /** From a query that fetched one row more than {@code limit}: that row only proves a next page exists. */
    static MessagePage fromOverfetch(List<Message> rows, int limit) {
        if (rows.size() <= limit) {
            return new MessagePage(rows, Optional.empty());
        }
        List<Message> items = rows.subList(0, limit);
        return new MessagePage(items, Optional.of(new MessageCursor(items.get(limit - 1).seq())));
    }
}
