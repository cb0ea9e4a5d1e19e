-- Replies by other people to the given user's activities, newest first
-- (activities_notifications_idx).
SELECT uuid, display_name, handle, message, replies_count, reposts_count, likes_count,
       reply_to_activity_uuid, expires_at, created_at
FROM visible_activities
WHERE reply_to_user_uuid = :userUuid
  AND user_uuid <> :userUuid
  AND (created_at, uuid) < (:cursor.createdAt, :cursor.uuid)
ORDER BY created_at DESC, uuid DESC
LIMIT :fetch
