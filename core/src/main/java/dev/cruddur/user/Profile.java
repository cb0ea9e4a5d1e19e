package dev.cruddur.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A person as others see them: who they say they are, and how many follow them, they follow and
 * cruds they have (counted while visible). For a signed-in reader, how the two are connected.
 *
 * @param following  whether the reader follows this person; null for a reader who is not signed in
 * @param followsYou whether this person follows the reader; null for a reader who is not signed in
 * @param messagesFrom whom this person accepts direct messages from ({@link MessagesFrom}); only in
 *                   their own profile, null for anyone else's
 * @param canMessage whether the reader may send this person a direct message; false for a reader
 *                   who is not signed in and in one's own profile
 */
public record Profile(
        UUID uuid,
        String handle,
        String displayName,
        String bio,
        Instant createdAt,
        int followersCount,
        int followingCount,
        int crudsCount,
        Boolean following,
        Boolean followsYou,
        String messagesFrom,
        boolean canMessage) {
}
