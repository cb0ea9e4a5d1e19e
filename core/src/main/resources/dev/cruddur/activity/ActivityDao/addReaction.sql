-- A person likes or reposts a visible crud: the mark and its count in one statement, so one
-- transaction in autocommit. ON CONFLICT makes a repeat change nothing, and the count moves only
-- with a row that was inserted: the crud's row lock serialises concurrent marks, so N people
-- give exactly N. Returns a row only when the crud is visible.
WITH target AS (
    -- Locked first, as every write to a crud locks it first: a deletion at the same moment
    -- waits for this statement or makes it find nothing, and never deadlocks with it.
    SELECT uuid FROM activities WHERE uuid = :activityUuid AND expires_at > now() FOR NO KEY UPDATE
), added AS (
    INSERT INTO reactions (activity_uuid, user_uuid, kind)
    SELECT uuid, :userUuid, :kind FROM target
    ON CONFLICT DO NOTHING
    RETURNING activity_uuid
), counted AS (
    UPDATE activities
    SET likes_count = likes_count + CASE WHEN :kind = 'like' THEN 1 ELSE 0 END,
        reposts_count = reposts_count + CASE WHEN :kind = 'repost' THEN 1 ELSE 0 END
    WHERE uuid = (SELECT activity_uuid FROM added)
)
SELECT uuid FROM target
