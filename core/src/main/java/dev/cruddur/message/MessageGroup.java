package dev.cruddur.message;

import java.util.UUID;

/** A conversation as one of its two people sees it: with whom. */
public record MessageGroup(UUID uuid, UUID otherUserUuid, String handle, String displayName) {
}
