-- A person takes back their like or repost of a visible crud, with its count, in one
-- statement (see addReaction.sql, also for why it does not wait for the WAL flush). Taking back
-- what was never there changes nothing. Returns a row only when the crud is visible.
WITH unflushed AS (
    SELECT set_config('synchronous_commit', 'off', true)
), target AS (
    -- Locked first, as every write to a crud locks it first: a deletion at the same moment
    -- waits for this statement or makes it find nothing, and never deadlocks with it.
    SELECT a.uuid
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
)
SELECT uuid FROM target
