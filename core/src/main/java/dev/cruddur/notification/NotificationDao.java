package dev.cruddur.notification;

import dev.cruddur.activity.ActivityMapper;
import dev.cruddur.activity.Cursor;
import dev.cruddur.activity.Reader;
import dev.cruddur.database.DirectStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The SQL behind {@link Notifications}; each method runs the file of the same name in
 * {@code resources/dev/cruddur/notification/NotificationDao/}. The list and the unread count
 * run on every page load of a signed-in person, so they are {@link DirectStatement}s.
 */
final class NotificationDao {

    private static final DirectStatement LIST = sql("list");
    private static final DirectStatement UNREAD_COUNT = sql("unreadCount");
    private static final DirectStatement MARK_READ = sql("markRead");

    private final Handle handle;

    NotificationDao(Handle handle) {
        this.handle = handle;
    }

    List<Notification> list(UUID recipientUuid, Cursor cursor, int fetch) {
        ActivityMapper activities = ActivityMapper.forReader(Reader.signedIn(recipientUuid));
        return LIST.list(handle,
                a -> a.set("recipientUuid", recipientUuid)
                        .set("cursor.createdAt", cursor.createdAt())
                        .set("cursor.uuid", cursor.uuid())
                        .set("fetch", fetch),
                rs -> new Notification(
                        rs.getObject("notification_uuid", UUID.class),
                        rs.getString("kind"),
                        new Notification.Actor(rs.getString("actor_handle"), rs.getString("actor_display_name")),
                        rs.getObject("uuid") == null ? null : activities.read(rs),
                        rs.getObject("notification_created_at", OffsetDateTime.class).toInstant(),
                        rs.getBoolean("read")));
    }

    int unreadCount(UUID recipientUuid, int countedUpTo) {
        return UNREAD_COUNT.findOne(handle, a -> a.set("recipientUuid", recipientUuid).set("countedUpTo", countedUpTo),
                rs -> rs.getInt("unread")).orElseThrow();
    }

    void markRead(UUID recipientUuid, Instant upTo) {
        MARK_READ.execute(handle, a -> a.set("recipientUuid", recipientUuid).set("upTo", upTo));
    }

    private static DirectStatement sql(String name) {
        return DirectStatement.fromFile(NotificationDao.class, name);
    }
}
