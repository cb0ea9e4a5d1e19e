-- People like or repost one visible crud: every such mark that waited for the crud (MarkBatches
-- gathers them; often just one), with its counts, in one statement, so one transaction in
-- autocommit. Each person and kind comes at most once. Marking what is already marked changes
-- nothing, and the counts move only with rows inserted: the crud's row lock serialises concurrent
-- statements, so N people give exactly N. Returns the crud once for each person who marked it, as
-- they now see it, only when it is visible. (removeMarks.sql takes marks back; one statement
-- that did both would cost a lone mark, the usual case, about a sixth more: PostgreSQL sets up
-- both an insert and a delete, whichever has rows.)
WITH unflushed AS (
    -- Everyone marking one crud queues on its row lock, which is held until the commit ends. A
    -- commit that waited for its WAL flush would hold it through the flush, and a hot crud would
    -- take one statement per flush. So this transaction commits without waiting for the flush:
    -- the marks and their counts still commit together or not at all, and only a database crash
    -- within a fraction of a second (three times wal_writer_delay at most) can take back a like
    -- or repost already answered. Posts, replies, follows and deletions keep waiting for the flush.
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
), marks AS (
    SELECT * FROM unnest(CAST(:markers AS uuid[]), CAST(:kinds AS text[])) AS m (user_uuid, kind)
), added AS (
    INSERT INTO reactions (activity_uuid, user_uuid, kind)
    SELECT t.uuid, m.user_uuid, m.kind FROM target t, marks m
    ON CONFLICT DO NOTHING
    RETURNING kind
), counted AS (
    UPDATE activities a
    SET likes_count = a.likes_count + moved.likes, reposts_count = a.reposts_count + moved.reposts
    FROM (SELECT count(*) FILTER (WHERE kind = 'like') AS likes, count(*) FILTER (WHERE kind = 'repost') AS reposts
          FROM added
          -- no row, so no new row version, when nothing was inserted
          HAVING count(*) > 0) AS moved
    WHERE a.uuid = :activityUuid
    RETURNING a.likes_count, a.reposts_count
)
-- The statement's snapshot does not see its own changes: the answer takes the new counts from
-- the update (the locked ones when nothing changed), each person's marks of the kinds they
-- gave from what they asked, and the others from the snapshot.
SELECT t.uuid, u.display_name, u.handle, t.message, t.replies_count,
       coalesce((SELECT reposts_count FROM counted), t.reposts_count) AS reposts_count,
       coalesce((SELECT likes_count FROM counted), t.likes_count) AS likes_count,
       t.reply_to_activity_uuid, t.expires_at, t.created_at,
       marker.user_uuid AS marker_uuid,
       marker.likes OR m.liked AS liked_by_me,
       marker.reposts OR m.reposted AS reposted_by_me
FROM target t
JOIN users u ON u.uuid = t.user_uuid
CROSS JOIN (SELECT user_uuid, bool_or(kind = 'like') AS likes, bool_or(kind = 'repost') AS reposts
            FROM marks GROUP BY user_uuid) AS marker
CROSS JOIN LATERAL reader_marks(t.uuid, t.likes_count + t.reposts_count, marker.user_uuid) AS m
