package dev.cruddur.server.message;

import dev.cruddur.message.Conversations;
import dev.cruddur.notification.Notifications;
import dev.cruddur.server.auth.Authenticator;
import io.javalin.config.RoutesConfig;
import java.util.UUID;

/**
 * {@code GET /api/unread-counts}: the one request a web app tab polls, for both badges and for an
 * open conversation (it fetches the conversation again when {@code last_message_at} changes).
 * Two bounded index reads; needs a bearer token.
 */
public final class UnreadCountsRoute {

    private final Notifications notifications;
    private final Conversations conversations;
    private final Authenticator authenticator;

    public UnreadCountsRoute(Notifications notifications, Conversations conversations, Authenticator authenticator) {
        this.notifications = notifications;
        this.conversations = conversations;
        this.authenticator = authenticator;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/unread-counts", ctx -> {
            UUID reader = authenticator.requireUserUuid(ctx);
            ctx.json(MessageJson.UnreadCountsBody.of(notifications.unreadCount(reader), conversations.unread(reader)));
        });
    }
}
