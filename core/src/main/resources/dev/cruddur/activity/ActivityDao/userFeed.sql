-- One user's cruds, newest first (activities_user_idx).
SELECT uuid, display_name, handle, message, replies_count, reposts_count, likes_count,
       reply_to_activity_uuid, expires_at, created_at
FROM visible_activities
WHERE user_uuid = :userUuid
  AND reply_to_activity_uuid IS NULL
  AND (created_at, uuid) < (:cursor.createdAt, :cursor.uuid)
ORDER BY created_at DESC, uuid DESC
LIMIT :fetch
