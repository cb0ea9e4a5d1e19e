-- One user's cruds, newest first (activities_user_idx), the user found by handle in the same
-- statement (users_handle_lower_key; handles are unique ignoring case, so at most one uuid).
-- No rows: either the user has nothing to show or no user has that handle; the caller asks which.
SELECT v.uuid, v.display_name, v.handle, v.message, v.replies_count, v.reposts_count, v.likes_count,
       v.reply_to_activity_uuid, v.expires_at, v.created_at,
       m.liked AS liked_by_me, m.reposted AS reposted_by_me
FROM visible_activities v
CROSS JOIN LATERAL reader_marks(v.uuid, :readerUuid) AS m
WHERE user_uuid = (SELECT u.uuid FROM users u WHERE lower(u.handle) = lower(:handle))
  AND reply_to_activity_uuid IS NULL
  AND (created_at, uuid) < (:cursor.createdAt, :cursor.uuid)
ORDER BY created_at DESC, uuid DESC
LIMIT :fetch
