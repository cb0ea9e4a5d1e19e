package dev.cruddur.user;

import dev.cruddur.activity.Cursor;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone in a list of followers or of people followed.
 *
 * @param followedAt when the follow began: the list's order, newest first
 */
public record Person(UUID uuid, String handle, String displayName, String bio, Instant followedAt) {

    /** Where the list goes on after this person. */
    public Cursor cursor() {
        return new Cursor(followedAt, uuid);
    }
}
