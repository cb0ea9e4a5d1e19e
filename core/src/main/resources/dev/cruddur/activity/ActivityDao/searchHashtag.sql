-- Cruds carrying one hashtag, newest first, read from activity_hashtags in key order: the first
-- page reads about a page of rows however many cruds carry the tag. visible_activities leaves
-- out expired cruds (still listed until purge-expired deletes them). The regular expression
-- that search.sql would use is checked again on the page's rows, so the two never disagree,
-- not even where lower() folds a character that the expression does not.
SELECT a.uuid, a.display_name, a.handle, a.message, a.replies_count, a.reposts_count, a.likes_count,
       a.reply_to_activity_uuid, a.expires_at, a.created_at
FROM activity_hashtags h
JOIN visible_activities a ON a.uuid = h.activity_uuid
WHERE h.tag = lower(:tag)
  AND (h.created_at, h.activity_uuid) < (:cursor.createdAt, :cursor.uuid)
  AND a.message ~* :pattern
ORDER BY h.created_at DESC, h.activity_uuid DESC
LIMIT :fetch
