package dev.cruddur.notification;

import dev.cruddur.activity.Activity;
import dev.cruddur.activity.Cursor;
import java.time.Instant;
import java.util.UUID;

/**
 * Something another person did that concerns the recipient.
 *
 * @param kind     {@code reply}, {@code mention}, {@code like}, {@code repost} or {@code follow}
 * @param actor    who did it
 * @param activity the reply or the crud that mentions the recipient, or the crud liked or
 *                 reposted; null for a new follower
 * @param read     whether the recipient has marked it read (everything up to a moment is)
 */
public record Notification(UUID uuid, String kind, Actor actor, Activity activity, Instant createdAt, boolean read) {

    /** The person who did it, as a notification names them. */
    public record Actor(String handle, String displayName) {
    }

    /** Where the list goes on after this one. */
    public Cursor cursor() {
        return new Cursor(createdAt, uuid);
    }
}
