package dev.cruddur.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * A crud (or a reply to one) as readers see it: with its author's name and handle, its counts,
 * and for a signed-in reader whether they liked and reposted it.
 *
 * @param likedByMe    whether the reader liked it; null for a reader who is not signed in
 * @param repostedByMe whether the reader reposted it; null for a reader who is not signed in
 */
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
        Instant createdAt,
        Boolean likedByMe,
        Boolean repostedByMe) {
}
