-- The people :userUuid follows, the latest followed first (follows_follower_idx).
SELECT u.uuid, u.handle, u.display_name, u.bio, f.created_at AS followed_at
FROM follows f
JOIN users u ON u.uuid = f.followee_uuid
WHERE f.follower_uuid = :userUuid
  AND (f.created_at, f.followee_uuid) < (:cursor.createdAt, :cursor.uuid)
ORDER BY f.created_at DESC, f.followee_uuid DESC
LIMIT :fetch
