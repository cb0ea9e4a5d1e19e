-- People take back their likes or reposts of one visible crud, as addMarks.sql gives them (see
-- there, also for why this commits without waiting for the flush). Taking back what is not there
-- changes nothing.
WITH unflushed AS (
    SELECT set_config('synchronous_commit', 'off', true)
), target AS (
    -- Locked first, as every write to a crud locks it first (see addMarks.sql).
    SELECT a.uuid, a.user_uuid, a.message, a.replies_count, a.reposts_count, a.likes_count,
           a.reply_to_activity_uuid, a.expires_at, a.created_at
    FROM activities a, unflushed
    WHERE a.uuid = :activityUuid AND a.expires_at > now()
    FOR NO KEY UPDATE OF a
), marks AS (
    SELECT * FROM unnest(CAST(:markers AS uuid[]), CAST(:kinds AS text[])) AS m (user_uuid, kind)
), removed AS (
    DELETE FROM reactions r
    USING target t, marks m
    WHERE r.activity_uuid = t.uuid AND r.user_uuid = m.user_uuid AND r.kind = m.kind
    RETURNING r.kind
), counted AS (
    UPDATE activities a
    SET likes_count = a.likes_count - moved.likes, reposts_count = a.reposts_count - moved.reposts
    FROM (SELECT count(*) FILTER (WHERE kind = 'like') AS likes, count(*) FILTER (WHERE kind = 'repost') AS reposts
          FROM removed
          HAVING count(*) > 0) AS moved
    WHERE a.uuid = :activityUuid
    RETURNING a.likes_count, a.reposts_count
)
SELECT t.uuid, u.display_name, u.handle, t.message, t.replies_count,
       coalesce((SELECT reposts_count FROM counted), t.reposts_count) AS reposts_count,
       coalesce((SELECT likes_count FROM counted), t.likes_count) AS likes_count,
       t.reply_to_activity_uuid, t.expires_at, t.created_at,
       marker.user_uuid AS marker_uuid,
       NOT marker.likes AND m.liked AS liked_by_me,
       NOT marker.reposts AND m.reposted AS reposted_by_me
FROM target t
JOIN users u ON u.uuid = t.user_uuid
CROSS JOIN (SELECT user_uuid, bool_or(kind = 'like') AS likes, bool_or(kind = 'repost') AS reposts
            FROM marks GROUP BY user_uuid) AS marker
CROSS JOIN LATERAL reader_marks(t.uuid, t.likes_count + t.reposts_count, marker.user_uuid) AS m
