-- One user's cruds, newest first (activities_user_idx), the user found by handle in the same
-- statement (users_handle_lower_key; handles are unique ignoring case, so at most one uuid).
-- No rows: either the user has nothing to show or no user has that handle; the caller asks which.
SELECT uuid, display_name, handle, message, replies_count, reposts_count, likes_count,
       reply_to_activity_uuid, expires_at, created_at
FROM visible_activities
WHERE user_uuid = (SELECT u.uuid FROM users u WHERE lower(u.handle) = lower(:handle))
  AND reply_to_activity_uuid IS NULL
  AND (created_at, uuid) < (:cursor.createdAt, :cursor.uuid)
ORDER BY created_at DESC, uuid DESC
LIMIT :fetch
