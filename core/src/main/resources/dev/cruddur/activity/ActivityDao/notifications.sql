-- Replies by other people to the given user's activities, newest first.
SELECT r.uuid, r.display_name, r.handle, r.message, r.replies_count, r.reposts_count,
       r.likes_count, r.reply_to_activity_uuid, r.expires_at, r.created_at
FROM activities parent
JOIN visible_activities r ON r.reply_to_activity_uuid = parent.uuid
WHERE parent.user_uuid = :userUuid
  AND r.user_uuid <> :userUuid
  AND (r.created_at, r.uuid) < (:cursor.createdAt, :cursor.uuid)
ORDER BY r.created_at DESC, r.uuid DESC
LIMIT :fetch
