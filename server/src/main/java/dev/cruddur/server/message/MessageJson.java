package dev.cruddur.server.message;

import dev.cruddur.message.Conversation;
import dev.cruddur.message.Message;
import dev.cruddur.message.MessageGroup;
import dev.cruddur.message.UnreadMessages;
import java.time.Instant;
import java.util.UUID;

/** How direct messages are written in the API (snake_case by the API's mapper), as the web app reads them. */
final class MessageJson {

    private MessageJson() {
    }

    /** One conversation of the list. */
    record ConversationBody(UUID uuid, String handle, String displayName, String message, Instant createdAt,
                            int unreadCount) {

        static ConversationBody of(Conversation c) {
            return new ConversationBody(c.uuid(), c.handle(), c.displayName(), c.message(), c.createdAt(), c.unreadCount());
        }
    }

    /** A conversation on its own: with whom. */
    record MessageGroupBody(UUID uuid, String handle, String displayName) {

        static MessageGroupBody of(MessageGroup group) {
            return new MessageGroupBody(group.uuid(), group.handle(), group.displayName());
        }
    }

    /** One message of a conversation's page; the sender's handle and name. */
    record MessageBody(UUID uuid, String handle, String displayName, String message, Instant createdAt,
                       Instant expiresAt, boolean mine) {

        static MessageBody of(Message m) {
            return new MessageBody(m.uuid(), m.handle(), m.displayName(), m.message(), m.createdAt(), m.expiresAt(), m.mine());
        }
    }

    /** A message just sent, with the conversation it went into (new or not). */
    record SentMessageBody(UUID uuid, String handle, String displayName, String message, Instant createdAt,
                           Instant expiresAt, boolean mine, UUID messageGroupUuid) {

        static SentMessageBody of(Message m) {
            return new SentMessageBody(m.uuid(), m.handle(), m.displayName(), m.message(), m.createdAt(), m.expiresAt(),
                    m.mine(), m.messageGroupUuid());
        }
    }

    /** The one request a web app tab polls. */
    record UnreadCountsBody(int notifications, int messageGroups, Instant lastMessageAt) {

        static UnreadCountsBody of(int notifications, UnreadMessages messages) {
            return new UnreadCountsBody(notifications, messages.messageGroups(), messages.lastMessageAt());
        }
    }
}
