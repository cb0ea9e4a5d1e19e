package dev.cruddur.message;

import java.time.Instant;

/**
 * What a person's badge and open conversation need to know, polled.
 *
 * @param messageGroups conversations with an unread message, counted up to {@link Conversations#UNREAD_COUNTED_UP_TO}
 * @param lastMessageAt when someone last wrote to the person (a message not yet expired); null if nobody did
 */
public record UnreadMessages(int messageGroups, Instant lastMessageAt) {
}
