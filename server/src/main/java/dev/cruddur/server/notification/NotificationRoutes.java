package dev.cruddur.server.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.error.ValidationException;
import dev.cruddur.notification.Notification;
import dev.cruddur.notification.Notifications;
import dev.cruddur.server.auth.Authenticator;
import dev.cruddur.server.http.JsonBody;
import dev.cruddur.server.http.Pagination;
import dev.cruddur.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The signed-in person's notifications: the list (at the original app's path), how many are
 * unread, and marking them read. All need a bearer token.
 */
public final class NotificationRoutes {

    private final Notifications notifications;
    private final Authenticator authenticator;
    private final ObjectMapper mapper;

    public NotificationRoutes(Notifications notifications, Authenticator authenticator, ObjectMapper mapper) {
        this.notifications = notifications;
        this.authenticator = authenticator;
        this.mapper = mapper;
    }

    /** The unread count, as both the count and the marking answer it. */
    record UnreadBody(int unread) {
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/activities/notifications", this::list);
        routes.get("/api/notifications/unread-count", ctx -> ctx.json(
                new UnreadBody(notifications.unreadCount(authenticator.requireUserUuid(ctx)))));
        routes.post("/api/notifications/read", this::markRead);
    }

    void list(Context ctx) {
        UUID reader = authenticator.requireUserUuid(ctx);
        PageRequest request = Pagination.request(ctx);
        Page<Notification> page = notifications.list(reader, request);
        Pagination.writeNext(ctx, page, request);
        ctx.json(page.items());
    }

    /** {@code up_to}: the {@code created_at} of the newest notification the person has seen; absent, everything until now. */
    void markRead(Context ctx) {
        User user = authenticator.requireUser(ctx);
        String upTo = JsonBody.read(ctx, mapper, "up_to").text("up_to");
        ctx.json(new UnreadBody(notifications.markRead(user.uuid(), upTo == null ? null : instant(upTo))));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationException("up_to_invalid", "up_to",
                    "'up_to' must be a timestamp as the API writes them, such as a notification's created_at.");
        }
    }
}
