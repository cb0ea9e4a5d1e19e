-- Cruds whose message matches a case-insensitive regular expression built by SearchTerm
-- (activities_message_trgm_idx narrows the candidates).
SELECT uuid, display_name, handle, message, replies_count, reposts_count, likes_count,
       reply_to_activity_uuid, expires_at, created_at
FROM visible_activities
WHERE reply_to_activity_uuid IS NULL
  AND message ~* :pattern
  AND (created_at, uuid) < (:cursor.createdAt, :cursor.uuid)
ORDER BY created_at DESC, uuid DESC
LIMIT :fetch
