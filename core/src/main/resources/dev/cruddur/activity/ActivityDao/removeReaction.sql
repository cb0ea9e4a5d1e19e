-- A person takes back their like or repost of a visible crud, with its count, in one
-- statement (see addReaction.sql, also for why it does not wait for the WAL flush). Taking back
-- what was never there changes nothing. Returns the crud as its reader now sees it, only when
-- it is visible.
WITH unflushed AS (
    SELECT set_config('synchronous_commit', 'off', true)
), target AS (
    -- Locked first, as every write to a crud locks it first: a deletion at the same moment
    -- waits for this statement or makes it find nothing, and never deadlocks with it.
    SELECT a.uuid, a.user_uuid, a.message, a.replies_count, a.reposts_count, a.likes_count,
           a.reply_to_activity_uuid, a.expires_at, a.created_at
    FROM activities a, unflushed
    WHERE a.uuid = :activityUuid AND a.expires_at > now()
    FOR NO KEY UPDATE OF a
), removed AS (
    DELETE FROM reactions r
    USING target t
    WHERE r.activity_uuid = t.uuid
      AND r.user_uuid = :userUuid
      AND r.kind = :kind
    RETURNING r.activity_uuid
), uncounted AS (
    UPDATE activities
    SET likes_count = likes_count - CASE WHEN :kind = 'like' THEN 1 ELSE 0 END,
        reposts_count = reposts_count - CASE WHEN :kind = 'repost' THEN 1 ELSE 0 END
    WHERE uuid = (SELECT activity_uuid FROM removed)
    RETURNING likes_count, reposts_count
)
SELECT t.uuid, u.display_name, u.handle, t.message, t.replies_count,
       coalesce((SELECT reposts_count FROM uncounted), t.reposts_count) AS reposts_count,
       coalesce((SELECT likes_count FROM uncounted), t.likes_count) AS likes_count,
       t.reply_to_activity_uuid, t.expires_at, t.created_at,
       :kind <> 'like' AND m.liked AS liked_by_me,
       :kind <> 'repost' AND m.reposted AS reposted_by_me
FROM target t
JOIN users u ON u.uuid = t.user_uuid
CROSS JOIN LATERAL reader_marks(t.uuid, t.likes_count + t.reposts_count, :userUuid) AS m
