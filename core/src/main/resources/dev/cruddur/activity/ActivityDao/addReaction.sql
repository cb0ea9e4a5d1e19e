-- A person likes or reposts a visible crud: the mark and its count in one statement, so one
-- transaction in autocommit. ON CONFLICT makes a repeat change nothing, and the count moves only
-- with a row that was inserted: the crud's row lock serialises concurrent marks, so N people
-- give exactly N. Returns the crud as its reader now sees it, only when it is visible.
WITH unflushed AS (
    -- Everyone liking one crud queues on its row lock, which is held until the commit ends. A
    -- commit that waited for its WAL flush would hold it through the flush, and a hot crud would
    -- take one like per flush. So this transaction commits without waiting for the flush: the
    -- mark and its count still commit together or not at all, and only a database crash within
    -- a fraction of a second (three times wal_writer_delay at most) can take back a like or
    -- repost already answered. Posts, replies, follows and deletions keep waiting for the flush.
    SELECT set_config('synchronous_commit', 'off', true)
), target AS (
    -- Locked first, as every write to a crud locks it first: a deletion at the same moment
    -- waits for this statement or makes it find nothing, and never deadlocks with it. The lock
    -- reads the row's latest version, so its counts are exact while it is held.
    SELECT a.uuid, a.user_uuid, a.message, a.replies_count, a.reposts_count, a.likes_count,
           a.reply_to_activity_uuid, a.expires_at, a.created_at
    FROM activities a, unflushed
    WHERE a.uuid = :activityUuid AND a.expires_at > now()
    FOR NO KEY UPDATE OF a
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
    RETURNING likes_count, reposts_count
)
-- The statement's snapshot does not see its own changes: the answer takes the new counts from
-- the update (the locked ones when nothing changed), this kind's mark from what was asked, and
-- the other kind's mark from the snapshot.
SELECT t.uuid, u.display_name, u.handle, t.message, t.replies_count,
       coalesce((SELECT reposts_count FROM counted), t.reposts_count) AS reposts_count,
       coalesce((SELECT likes_count FROM counted), t.likes_count) AS likes_count,
       t.reply_to_activity_uuid, t.expires_at, t.created_at,
       :kind = 'like' OR m.liked AS liked_by_me,
       :kind = 'repost' OR m.reposted AS reposted_by_me
FROM target t
JOIN users u ON u.uuid = t.user_uuid
CROSS JOIN LATERAL reader_marks(t.uuid, t.likes_count + t.reposts_count, :userUuid) AS m
