package dev.cruddur.message;

import java.time.Instant;
import java.util.UUID;

/**
 * A direct message as one of the two people reads it.
 *
 * @param seq    its number in the conversation: the conversation's order, which is the order in
 *               which the messages were committed
 * @param handle the sender's, as is {@code displayName}
 * @param mine   whether the reader sent it
 */
public record Message(UUID uuid, UUID messageGroupUuid, long seq, String handle, String displayName, String message,
                     Instant createdAt, Instant expiresAt, boolean mine) {
}
