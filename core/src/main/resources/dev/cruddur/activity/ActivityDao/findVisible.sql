SELECT uuid, display_name, handle, message, replies_count, reposts_count, likes_count,
       reply_to_activity_uuid, expires_at, created_at
FROM visible_activities
WHERE uuid = :uuid
