-- Trigram indexes keep the word/hashtag search bounded at millions of rows.
-- pg_trgm is a trusted extension (PostgreSQL 13+) and is available on Amazon RDS.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A crud, or a reply to one. Replies carry their parent's expiry, so one predicate
-- (expires_at > now()) hides everything that has self-destructed.
CREATE TABLE activities (
    uuid                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_uuid              uuid        NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    message                text        NOT NULL,
    replies_count          integer     NOT NULL DEFAULT 0,
    reposts_count          integer     NOT NULL DEFAULT 0,
    likes_count            integer     NOT NULL DEFAULT 0,
    reply_to_activity_uuid uuid        REFERENCES activities (uuid) ON DELETE CASCADE,
    -- The author of the crud replied to, copied from it when the reply is written, so a
    -- user's notifications are one index range instead of a join over all their cruds.
    reply_to_user_uuid     uuid        REFERENCES users (uuid) ON DELETE CASCADE,
    expires_at             timestamptz NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),

    -- char_length counts code points, as the API does: 280 for a crud, 1024 for a reply.
    CONSTRAINT activities_message_length CHECK (
        char_length(message) BETWEEN 1 AND
            CASE WHEN reply_to_activity_uuid IS NULL THEN 280 ELSE 1024 END),
    CONSTRAINT activities_counts_not_negative CHECK (
        replies_count >= 0 AND reposts_count >= 0 AND likes_count >= 0),
    CONSTRAINT activities_expires_after_creation CHECK (expires_at > created_at),
    CONSTRAINT activities_not_own_reply CHECK (reply_to_activity_uuid <> uuid),
    CONSTRAINT activities_reply_has_both_parents CHECK (
        (reply_to_activity_uuid IS NULL) = (reply_to_user_uuid IS NULL))
);

-- Home feed: top-level cruds, newest first, keyset (created_at, uuid).
CREATE INDEX activities_home_idx
    ON activities (created_at DESC, uuid DESC)
    WHERE reply_to_activity_uuid IS NULL;

-- A user's feed.
CREATE INDEX activities_user_idx
    ON activities (user_uuid, created_at DESC, uuid DESC);

-- Notifications: replies to one user's cruds, newest first.
CREATE INDEX activities_notifications_idx
    ON activities (reply_to_user_uuid, created_at DESC, uuid DESC)
    WHERE reply_to_user_uuid IS NOT NULL;

-- Replies of one crud, newest first.
CREATE INDEX activities_replies_idx
    ON activities (reply_to_activity_uuid, created_at DESC, uuid DESC)
    WHERE reply_to_activity_uuid IS NOT NULL;

-- Search: case-insensitive regular expressions over the message.
CREATE INDEX activities_message_trgm_idx
    ON activities USING gin (message gin_trgm_ops);

-- purge-expired deletes by expiry.
CREATE INDEX activities_expires_at_idx ON activities (expires_at);

-- What readers may see: activities that have not self-destructed, with their author.
-- Every read goes through this view, so an expired crud cannot leak through a forgotten
-- predicate. PostgreSQL inlines the view, so the indexes above still apply.
CREATE VIEW visible_activities AS
SELECT a.uuid,
       a.user_uuid,
       u.display_name,
       u.handle,
       a.message,
       a.replies_count,
       a.reposts_count,
       a.likes_count,
       a.reply_to_activity_uuid,
       a.reply_to_user_uuid,
       a.expires_at,
       a.created_at
FROM activities a
JOIN users u ON u.uuid = a.user_uuid
WHERE a.expires_at > now();
