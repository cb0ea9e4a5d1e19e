package dev.cruddur.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Rows written straight into the database, for states the use cases cannot create on purpose
 * (an expired crud, many cruds with the same created_at) and for authors of test cruds.
 * Times are relative to the database clock, as the use cases' own are.
 */
public final class TestData {

    private final Jdbi jdbi;

    public TestData(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A user with that handle, display name "Name of {handle}" and no Cognito identity. */
    public UUID user(String handle) {
        return user(handle, "Name of " + handle, null);
    }

    /** A user as the sign-up trigger registers one: {@code sub} is their Cognito identity (null: none). */
    public UUID user(String handle, String displayName, String sub) {
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO users (display_name, handle, email, cognito_user_id)
                        VALUES (:displayName, :handle, :email, :sub)
                        RETURNING uuid""")
                .bind("displayName", displayName)
                .bind("handle", handle)
                .bind("email", handle.toLowerCase() + "@example.com")
                .bind("sub", sub)
                .mapTo(UUID.class)
                .one());
    }

    /**
     * An activity created {@code createdAgo} before the database's now() and expiring
     * {@code expiresIn} after it (negative: already expired).
     */
    public UUID activity(UUID author, String message, UUID replyTo, Duration createdAgo, Duration expiresIn) {
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, reply_to_user_uuid,
                                                created_at, expires_at)
                        VALUES (:author, :message, :replyTo,
                                (SELECT p.user_uuid FROM activities p WHERE p.uuid = :replyTo),
                                now() - make_interval(secs => :createdAgo),
                                now() + make_interval(secs => :expiresIn))
                        RETURNING uuid""")
                .bind("author", author)
                .bind("message", message)
                .bind("replyTo", replyTo)
                .bind("createdAgo", seconds(createdAgo))
                .bind("expiresIn", seconds(expiresIn))
                .mapTo(UUID.class)
                .one());
    }

    /** A top-level crud, live for a day, created {@code createdAgo} ago. */
    public UUID crud(UUID author, String message, Duration createdAgo) {
        return activity(author, message, null, createdAgo, Duration.ofDays(1));
    }

    /** A top-level crud created 2 hours ago that self-destructed an hour ago. */
    public UUID expiredCrud(UUID author, String message) {
        return activity(author, message, null, Duration.ofHours(2), Duration.ofHours(-1));
    }

    /**
     * {@code count} top-level cruds, "{prefix} 1" to "{prefix} {count}", all created
     * {@code createdAgo} and expired {@code expiredAgo} before now, written in one statement.
     */
    public void expiredCruds(UUID author, String prefix, int count, Duration createdAgo, Duration expiredAgo) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO activities (user_uuid, message, created_at, expires_at)
                        SELECT :author, :prefix || ' ' || i, now() - make_interval(secs => :createdAgo),
                               now() - make_interval(secs => :expiredAgo)
                        FROM generate_series(1, :count) AS i""")
                .bind("author", author)
                .bind("prefix", prefix)
                .bind("count", count)
                .bind("createdAgo", seconds(createdAgo))
                .bind("expiredAgo", seconds(expiredAgo))
                .execute());
    }

    /** A reply with its parent's expiry, as ReplyToCrud writes it, created {@code createdAgo} ago. */
    public UUID reply(UUID author, UUID parent, String message, Duration createdAgo) {
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, reply_to_user_uuid,
                                                created_at, expires_at)
                        SELECT :author, :message, p.uuid, p.user_uuid, now() - make_interval(secs => :createdAgo),
                               p.expires_at
                        FROM activities p
                        WHERE p.uuid = :parent
                        RETURNING uuid""")
                .bind("author", author)
                .bind("message", message)
                .bind("parent", parent)
                .bind("createdAgo", seconds(createdAgo))
                .mapTo(UUID.class)
                .one());
    }

    /** An activity at an exact instant (several may share one), live for a day from now. */
    public UUID crudAt(UUID author, String message, Instant createdAt) {
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO activities (user_uuid, message, created_at, expires_at)
                        VALUES (:author, :message, :createdAt, now() + interval '1 day')
                        RETURNING uuid""")
                .bind("author", author)
                .bind("message", message)
                .bind("createdAt", createdAt)
                .mapTo(UUID.class)
                .one());
    }

    /** {@code follower} follows {@code followee}, with both people's counts, as the follow statement keeps them. */
    public void follow(UUID follower, UUID followee) {
        jdbi.useHandle(h -> h.createUpdate("""
                        WITH added AS (
                            INSERT INTO follows (follower_uuid, followee_uuid) VALUES (:follower, :followee)
                        )
                        UPDATE users
                        SET following_count = following_count + CASE WHEN uuid = :follower THEN 1 ELSE 0 END,
                            followers_count = followers_count + CASE WHEN uuid = :followee THEN 1 ELSE 0 END
                        WHERE uuid IN (:follower, :followee)""")
                .bind("follower", follower)
                .bind("followee", followee)
                .execute());
    }

    /** The single number a {@code SELECT count(*) …} (or similar) returns. */
    public long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
