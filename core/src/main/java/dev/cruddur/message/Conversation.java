package dev.cruddur.message;

import dev.cruddur.activity.Cursor;
import java.time.Instant;
import java.util.UUID;

/**
 * One conversation in a person's list: the other person, the latest message still visible (its
 * first line, and when it was written) and how many of the other person's messages are unread.
 *
 * @param uuid        the conversation's (the original app's {@code message_group_uuid})
 * @param unreadCount counted up to {@link Conversations#UNREAD_COUNTED_UP_TO}
 * @param listedAt    where the list places it: when its latest message was written (the one
 *                    shown, unless a later one with a shorter life has expired since)
 */
public record Conversation(UUID uuid, String handle, String displayName, String message, Instant createdAt,
                           int unreadCount, Instant listedAt) {

    /** Where the list goes on after this one. */
    public Cursor cursor() {
        return new Cursor(listedAt, uuid);
    }

    /** The first line of a message, as the list shows it. */
    static String firstLine(String message) {
        int end = 0;
        while (end < message.length() && message.charAt(end) != '\n' && message.charAt(end) != '\r') {
            end++;
        }
        return message.substring(0, end);
    }
}
