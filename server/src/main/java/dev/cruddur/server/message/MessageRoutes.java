package dev.cruddur.server.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.message.Conversation;
import dev.cruddur.message.Conversations;
import dev.cruddur.message.DeleteMessage;
import dev.cruddur.message.Message;
import dev.cruddur.message.MessageCursor;
import dev.cruddur.message.MessageIds;
import dev.cruddur.message.MessagePage;
import dev.cruddur.message.ReadConversation;
import dev.cruddur.message.SendMessage;
import dev.cruddur.server.auth.Authenticator;
import dev.cruddur.server.http.JsonBody;
import dev.cruddur.server.http.Pagination;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.UUID;

/**
 * Direct messages, at the original app's paths: the signed-in person's conversations, one
 * conversation's messages, sending and deleting. All need a bearer token. Every id of a
 * conversation or a message the person is not in is answered exactly as an id nobody has.
 */
public final class MessageRoutes {

    private final Conversations conversations;
    private final ReadConversation readConversation;
    private final SendMessage sendMessage;
    private final DeleteMessage deleteMessage;
    private final Authenticator authenticator;
    private final ObjectMapper mapper;

    public MessageRoutes(Conversations conversations, ReadConversation readConversation, SendMessage sendMessage,
                         DeleteMessage deleteMessage, Authenticator authenticator, ObjectMapper mapper) {
        this.conversations = conversations;
        this.readConversation = readConversation;
        this.sendMessage = sendMessage;
        this.deleteMessage = deleteMessage;
        this.authenticator = authenticator;
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/message_groups", this::list);
        routes.get("/api/message_groups/{uuid}", this::conversation);
        routes.get("/api/messages/{message_group_uuid}", this::messages);
        routes.post("/api/messages", this::send);
        routes.delete("/api/messages/{uuid}", this::delete);
    }

    void list(Context ctx) {
        UUID reader = authenticator.requireUserUuid(ctx);
        PageRequest request = Pagination.request(ctx);
        Page<Conversation> page = conversations.list(reader, request);
        Pagination.writeNext(ctx, page, request);
        ctx.json(page.items().stream().map(MessageJson.ConversationBody::of).toList());
    }

    void conversation(Context ctx) {
        UUID reader = authenticator.requireUserUuid(ctx);
        UUID group = MessageIds.parse(ctx.pathParam("uuid")).orElseThrow(Conversations::notFound);
        ctx.json(MessageJson.MessageGroupBody.of(conversations.find(reader, group)));
    }

    /** Newest first; the first page (no cursor) marks the conversation read. */
    void messages(Context ctx) {
        UUID reader = authenticator.requireUserUuid(ctx);
        // The limit as every list checks it; the cursor is a conversation's own (a message number).
        int limit = PageRequest.parse(ctx.queryParam("limit"), null).limit();
        MessageCursor cursor = MessageCursor.parse(ctx.queryParam("cursor"));
        UUID group = MessageIds.parse(ctx.pathParam("message_group_uuid")).orElseThrow(Conversations::notFound);
        MessagePage page = readConversation.read(reader, group, limit, cursor);
        Pagination.writeNext(ctx, page.next().map(MessageCursor::encode), limit);
        ctx.json(page.items().stream().map(MessageJson.MessageBody::of).toList());
    }

    void send(Context ctx) {
        UUID sender = authenticator.requireUserUuid(ctx);
        JsonBody body = JsonBody.read(ctx, mapper, "message", "ttl", "handle", "message_group_uuid");
        Message sent = sendMessage.send(sender, body.text("message"), body.text("ttl"), body.text("handle"),
                body.text("message_group_uuid"));
        ctx.status(201).header("Location", "/api/messages/" + sent.messageGroupUuid());
        ctx.json(MessageJson.SentMessageBody.of(sent));
    }

    void delete(Context ctx) {
        UUID user = authenticator.requireUserUuid(ctx);
        UUID message = MessageIds.parse(ctx.pathParam("uuid")).orElseThrow(DeleteMessage::notFound);
        deleteMessage.delete(user, message);
        ctx.status(204);
    }
}
