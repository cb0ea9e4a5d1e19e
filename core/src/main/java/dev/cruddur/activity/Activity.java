package dev.cruddur.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * A crud (or a reply to one) as readers see it: with its author's name and handle, its counts,
 * and for a signed-in reader whether they liked and reposted it.
 *
 * @param likedByMe    whether the reader liked it; null for a reader who is not signed in
 * @param repostedByMe whether the reader reposted it; null for a reader who is not signed in
 * @param repostedBy   in a timeline or on a person's page, who reposted it there; null for their own crud
 *                     and everywhere else
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
        Boolean repostedByMe,
        Repost repostedBy) {

    /** Where it sits in a newest-first list: when it was posted, or reposted. */
    public Instant listedAt() {
        return repostedBy == null ? createdAt : repostedBy.repostedAt();
    }
}
