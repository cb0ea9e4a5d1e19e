package dev.cruddur.activity;

import java.time.Instant;
import java.util.UUID;

/** A crud (or a reply to one) as readers see it: with its author's name and handle. */
public record Activity(
        UUID uuid,
        String displayName,
        String handle,
        String message,
        int repliesCount,
        int repostsCount,
        int likesCount,
        UUID replyToActivityUuid,
        Instant expiresAt,
        Instant createdAt) {
}
