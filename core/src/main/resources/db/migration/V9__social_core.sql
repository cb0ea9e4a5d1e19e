-- The social core: people say who they are and follow each other; cruds are liked and reposted.
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
