package dev.cruddur.notification;

import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import java.time.Instant;
import java.util.UUID;
import dev.cruddur.database.Reads;
import org.jdbi.v3.core.Jdbi;

/**
 * A person's notifications: the database's triggers write them (see the social core migration);
 * this reads them, counts the unread ones and marks them read. Nothing here grows with how many
 * notifications a person has: a page and the unread count each read one bounded index range.
 */
public final class Notifications {

    /**
     * The unread count stops here: a badge shows "99+" from 100 on, and counting a hundred
     * thousand unread notifications on every poll would cost what the count is meant to save.
     */
    public static final int UNREAD_COUNTED_UP_TO = 100;

    private final Jdbi jdbi;
    private final Reads reads;

    /** Everything on the primary. */
    public Notifications(Jdbi jdbi) {
        this(jdbi, Reads.primaryOnly(jdbi));
    }

    /**
     * @param jdbi  the primary: marking read
     * @param reads where the list and the unread count are read, for their recipient
     */
    public Notifications(Jdbi jdbi, Reads reads) {
        this.jdbi = jdbi;
        this.reads = reads;
    }

    /** Newest first. */
    public Page<Notification> list(UUID recipientUuid, PageRequest page) {
        return Page.fromOverfetch(reads.read(recipientUuid,
                on -> on.withHandle(h -> new NotificationDao(h).list(recipientUuid, page.cursor(), page.limit() + 1))),
                page, Notification::cursor);
    }

    /** @return how many are unread, up to {@link #UNREAD_COUNTED_UP_TO} */
    public int unreadCount(UUID recipientUuid) {
        return reads.read(recipientUuid,
                on -> on.withHandle(h -> new NotificationDao(h).unreadCount(recipientUuid, UNREAD_COUNTED_UP_TO)));
    }

    /**
     * Marks everything up to {@code upTo} read (null: up to now). A moment before what was already
     * marked changes nothing, and one in the future counts as now, so a notification that arrives
     * later is never read before it is seen.
     *
     * @return how many are still unread, up to {@link #UNREAD_COUNTED_UP_TO}
     */
    public int markRead(UUID recipientUuid, Instant upTo) {
        return jdbi.inTransaction(h -> {
            NotificationDao dao = new NotificationDao(h);
            dao.markRead(recipientUuid, upTo);
            return dao.unreadCount(recipientUuid, UNREAD_COUNTED_UP_TO);
        });
    }
}
