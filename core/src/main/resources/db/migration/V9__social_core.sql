-- The social core: people say who they are and follow each other; cruds are liked and reposted;
-- a person's timeline is made of the cruds and reposts of the people they follow; people are
-- notified of replies, mentions, likes, reposts and new followers.
-- Everything about a crud belongs to it: a like or repost row references its crud with
-- ON DELETE CASCADE, so deleting a crud (its author, or the purge) deletes them too, and every
-- read joins through visible_activities, so an expired crud's likes and reposts vanish with it.

ALTER TABLE users
    ADD COLUMN bio             text    NOT NULL DEFAULT '',
    -- Kept by the follow and unfollow statements, in the transaction that changes follows:
    -- a profile reads two integers instead of counting a celebrity's followers.
    ADD COLUMN followers_count integer NOT NULL DEFAULT 0,
    ADD COLUMN following_count integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT users_bio_length CHECK (char_length(bio) <= 160),
    ADD CONSTRAINT users_follow_counts_not_negative CHECK (followers_count >= 0 AND following_count >= 0);

CREATE TABLE follows (
    follower_uuid uuid        NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    followee_uuid uuid        NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (follower_uuid, followee_uuid),
    CONSTRAINT follows_not_self CHECK (follower_uuid <> followee_uuid)
);

-- A person's followers, and the people they follow, newest first, a page at a time.
CREATE INDEX follows_followee_idx ON follows (followee_uuid, created_at DESC, follower_uuid DESC);
CREATE INDEX follows_follower_idx ON follows (follower_uuid, created_at DESC, followee_uuid DESC);

-- A like and a repost are the same fact of a different kind: one person's mark on one crud,
-- at most one of each kind per person and crud.
CREATE TABLE reactions (
    activity_uuid uuid        NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
    kind          text        NOT NULL,
    user_uuid     uuid        NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- In this order so that one probe finds both marks one reader left on one crud.
    PRIMARY KEY (activity_uuid, user_uuid, kind),
    CONSTRAINT reactions_kind CHECK (kind IN ('like', 'repost'))
);

-- A person's reposts, newest first (their page and their followers' timelines), and what a
-- deleted user leaves behind.
CREATE INDEX reactions_user_idx ON reactions (user_uuid, kind, created_at DESC, activity_uuid DESC);

-- Whether a reader liked and reposted a crud, for every row a feed shows a signed-in reader: one
-- probe of reactions_pkey finds both. A set-returning SQL function, so PostgreSQL inlines it
-- into each query as a lateral subquery; written as EXISTS in the select list instead, the
-- planner may hash all of a reader's reactions first, which costs more the more they liked.
-- A null reader (someone not signed in) matches nothing: false, false.
CREATE FUNCTION reader_marks(activity uuid, reader uuid)
    RETURNS TABLE (liked boolean, reposted boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT coalesce(bool_or(r.kind = 'like'), false), coalesce(bool_or(r.kind = 'repost'), false)
    FROM reactions r
    WHERE r.activity_uuid = activity AND r.user_uuid = reader
$$;

-- What a person's page shows and their followers' timelines are made of: their cruds and their
-- reposts, each at the moment it was posted or reposted. Kept by triggers on activities and
-- reactions, so no writer can forget it; each row carries its crud's expires_at (which never
-- changes), so a page is read from an index alone, and goes with its crud (ON DELETE CASCADE).
CREATE TABLE feed_entries (
    poster_uuid   uuid        NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL,
    activity_uuid uuid        NOT NULL REFERENCES activities (uuid) ON DELETE CASCADE,
    expires_at    timestamptz NOT NULL,
    reposted      boolean     NOT NULL,
    PRIMARY KEY (poster_uuid, created_at, activity_uuid) INCLUDE (expires_at, reposted)
);

-- The timeline of someone who follows many people: everyone's entries newest first, kept when
-- the poster is followed (see ActivityDao/followingFeed.sql).
CREATE INDEX feed_entries_time_idx ON feed_entries (created_at, activity_uuid) INCLUDE (poster_uuid, expires_at, reposted);

-- Deleting a crud (the purge deletes thousands per batch) finds its entries through this.
CREATE INDEX feed_entries_activity_idx ON feed_entries (activity_uuid);

-- Who is told what: a reply to their crud or reply, a mention of their handle, a like or
-- repost of their crud, a new follower. Written by triggers on the tables those facts live in,
-- never for a person's own action. A notification about a crud or reply goes with it (ON DELETE
-- CASCADE) and carries its expires_at, so it vanishes when the crud expires; a follower's stays
-- while they follow.
CREATE TABLE notifications (
    uuid           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    recipient_uuid uuid        NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    kind           text        NOT NULL,
    actor_uuid     uuid        NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    activity_uuid  uuid        REFERENCES activities (uuid) ON DELETE CASCADE,
    expires_at     timestamptz NOT NULL,
    CONSTRAINT notifications_kind CHECK (kind IN ('reply', 'mention', 'like', 'repost', 'follow')),
    CONSTRAINT notifications_follow_has_no_activity CHECK ((kind = 'follow') = (activity_uuid IS NULL)),
    CONSTRAINT notifications_not_own_action CHECK (recipient_uuid <> actor_uuid)
);

-- A person's notifications newest first, and how many are unread: one index range.
CREATE INDEX notifications_recipient_idx
    ON notifications (recipient_uuid, created_at DESC, uuid DESC) INCLUDE (expires_at);
-- Taking back a like or repost finds its notification; deleting a crud finds all of its.
CREATE INDEX notifications_activity_idx
    ON notifications (activity_uuid, actor_uuid) WHERE activity_uuid IS NOT NULL;
-- Unfollowing finds the follow's notification; deleting a user finds what they caused.
CREATE INDEX notifications_actor_idx ON notifications (actor_uuid, recipient_uuid);

-- Replies to a person were found through this index; notifications_recipient_idx has them now.
DROP INDEX activities_notifications_idx;

-- Everything up to this moment has been read (the web app sends the newest one it showed).
ALTER TABLE users ADD COLUMN notifications_read_at timestamptz NOT NULL DEFAULT '-infinity';

-- The handles a message mentions, lower-cased, each once: "@" then a handle's characters, not
-- inside a word or an e-mail address (bob@example.com mentions nobody).
CREATE FUNCTION activity_mentions_of(message text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT DISTINCT lower(m[1])
    FROM regexp_matches(message, '(?<![[:alnum:]_@])@([A-Za-z0-9_]{1,30})(?![[:alnum:]_])', 'g') AS m
$$;

-- A new crud is a feed entry of its author; a new reply tells the author of what it answers;
-- a mention tells the person mentioned, unless the reply already told them.
CREATE FUNCTION activity_posted() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW.reply_to_activity_uuid IS NULL THEN
        INSERT INTO feed_entries (poster_uuid, created_at, activity_uuid, expires_at, reposted)
        VALUES (NEW.user_uuid, NEW.created_at, NEW.uuid, NEW.expires_at, false);
    ELSIF NEW.reply_to_user_uuid <> NEW.user_uuid THEN
        INSERT INTO notifications (recipient_uuid, created_at, kind, actor_uuid, activity_uuid, expires_at)
        VALUES (NEW.reply_to_user_uuid, NEW.created_at, 'reply', NEW.user_uuid, NEW.uuid, NEW.expires_at);
    END IF;
    INSERT INTO notifications (recipient_uuid, created_at, kind, actor_uuid, activity_uuid, expires_at)
    SELECT u.uuid, NEW.created_at, 'mention', NEW.user_uuid, NEW.uuid, NEW.expires_at
    FROM activity_mentions_of(NEW.message) AS m(handle)
    JOIN users u ON lower(u.handle) = m.handle
    WHERE u.uuid <> NEW.user_uuid
      AND u.uuid IS DISTINCT FROM NEW.reply_to_user_uuid;
    RETURN NULL;
END
$$;

CREATE TRIGGER activity_posted
    AFTER INSERT ON activities
    FOR EACH ROW
    EXECUTE FUNCTION activity_posted();

-- A like or repost tells the crud's author; a repost is also a feed entry of the reposter.
CREATE FUNCTION reaction_added() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO notifications (recipient_uuid, created_at, kind, actor_uuid, activity_uuid, expires_at)
    SELECT a.user_uuid, NEW.created_at, NEW.kind, NEW.user_uuid, a.uuid, a.expires_at
    FROM activities a
    WHERE a.uuid = NEW.activity_uuid
      AND a.user_uuid <> NEW.user_uuid;
    IF NEW.kind = 'repost' THEN
        INSERT INTO feed_entries (poster_uuid, created_at, activity_uuid, expires_at, reposted)
        SELECT NEW.user_uuid, NEW.created_at, a.uuid, a.expires_at, true
        FROM activities a
        WHERE a.uuid = NEW.activity_uuid;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER reaction_added
    AFTER INSERT ON reactions
    FOR EACH ROW
    EXECUTE FUNCTION reaction_added();

-- Taking back a like or repost takes back what it caused. (A crud's deletion removes these
-- through ON DELETE CASCADE; then this finds nothing left to delete.)
CREATE FUNCTION reaction_removed() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM notifications
    WHERE activity_uuid = OLD.activity_uuid AND actor_uuid = OLD.user_uuid AND kind = OLD.kind;
    IF OLD.kind = 'repost' THEN
        DELETE FROM feed_entries
        WHERE poster_uuid = OLD.user_uuid AND created_at = OLD.created_at AND activity_uuid = OLD.activity_uuid;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER reaction_removed
    AFTER DELETE ON reactions
    FOR EACH ROW
    EXECUTE FUNCTION reaction_removed();

CREATE FUNCTION follow_added() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO notifications (recipient_uuid, created_at, kind, actor_uuid, expires_at)
    VALUES (NEW.followee_uuid, NEW.created_at, 'follow', NEW.follower_uuid, 'infinity');
    RETURN NULL;
END
$$;

CREATE TRIGGER follow_added
    AFTER INSERT ON follows
    FOR EACH ROW
    EXECUTE FUNCTION follow_added();

CREATE FUNCTION follow_removed() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM notifications
    WHERE actor_uuid = OLD.follower_uuid AND recipient_uuid = OLD.followee_uuid AND kind = 'follow';
    RETURN NULL;
END
$$;

CREATE TRIGGER follow_removed
    AFTER DELETE ON follows
    FOR EACH ROW
    EXECUTE FUNCTION follow_removed();

-- Everything the row triggers above make, made at once for the rows already there: this
-- migration's backfill (the cruds, replies and mentions posted before it; everything from before
-- counts as unread), and a bulk load that switched the triggers off while it copied (the bench's
-- BulkLoader). activity_mentions_of finds nothing in a message without '@', hence the strpos.
CREATE FUNCTION derive_social_rows() RETURNS void
    LANGUAGE sql
AS $$
    INSERT INTO feed_entries (poster_uuid, created_at, activity_uuid, expires_at, reposted)
    SELECT user_uuid, created_at, uuid, expires_at, false
    FROM activities
    WHERE reply_to_activity_uuid IS NULL
    UNION ALL
    SELECT r.user_uuid, r.created_at, a.uuid, a.expires_at, true
    FROM reactions r JOIN activities a ON a.uuid = r.activity_uuid
    WHERE r.kind = 'repost';

    INSERT INTO notifications (recipient_uuid, created_at, kind, actor_uuid, activity_uuid, expires_at)
    SELECT reply_to_user_uuid, created_at, 'reply', user_uuid, uuid, expires_at
    FROM activities
    WHERE reply_to_user_uuid IS NOT NULL AND reply_to_user_uuid <> user_uuid;

    INSERT INTO notifications (recipient_uuid, created_at, kind, actor_uuid, activity_uuid, expires_at)
    SELECT u.uuid, a.created_at, 'mention', a.user_uuid, a.uuid, a.expires_at
    FROM activities a
    CROSS JOIN LATERAL activity_mentions_of(a.message) AS m(handle)
    JOIN users u ON lower(u.handle) = m.handle
    WHERE strpos(a.message, '@') > 0
      AND u.uuid <> a.user_uuid
      AND u.uuid IS DISTINCT FROM a.reply_to_user_uuid;

    INSERT INTO notifications (recipient_uuid, created_at, kind, actor_uuid, activity_uuid, expires_at)
    SELECT a.user_uuid, r.created_at, r.kind, r.user_uuid, a.uuid, a.expires_at
    FROM reactions r JOIN activities a ON a.uuid = r.activity_uuid
    WHERE a.user_uuid <> r.user_uuid;

    INSERT INTO notifications (recipient_uuid, created_at, kind, actor_uuid, expires_at)
    SELECT followee_uuid, created_at, 'follow', follower_uuid, 'infinity'
    FROM follows;
$$;

SELECT derive_social_rows();

ANALYZE feed_entries;
ANALYZE notifications;
