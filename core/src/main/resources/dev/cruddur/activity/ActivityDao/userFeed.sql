-- One person's page: their cruds and their reposts, newest first, a page of feed entries read
-- from feed_entries_pkey alone and then joined to their cruds; the person found by handle in the
-- same statement (users_handle_lower_key; handles are unique ignoring case, so at most one uuid).
-- No rows: either the person has nothing to show or no user has that handle; the caller asks which.
SELECT v.uuid, v.display_name, v.handle, v.message, v.replies_count, v.reposts_count, v.likes_count,
       v.reply_to_activity_uuid, v.expires_at, v.created_at,
       m.liked AS liked_by_me, m.reposted AS reposted_by_me,
       p.handle AS reposter_handle, p.display_name AS reposter_display_name,
       CASE WHEN e.reposted THEN e.created_at END AS reposted_at
FROM (
    SELECT poster_uuid, created_at, activity_uuid, reposted
    FROM feed_entries
    WHERE poster_uuid = (SELECT u.uuid FROM users u WHERE lower(u.handle) = lower(:handle))
      AND expires_at > now()
      AND (created_at, activity_uuid) < (:cursor.createdAt, :cursor.uuid)
    ORDER BY created_at DESC, activity_uuid DESC
    LIMIT :fetch
) e
JOIN visible_activities v ON v.uuid = e.activity_uuid
LEFT JOIN users p ON e.reposted AND p.uuid = e.poster_uuid
CROSS JOIN LATERAL reader_marks(v.uuid, v.likes_count + v.reposts_count, :readerUuid) AS m
ORDER BY e.created_at DESC, e.activity_uuid DESC
