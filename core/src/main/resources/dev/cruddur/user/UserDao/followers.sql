-- The people who follow :userUuid, the latest follower first (follows_followee_idx).
SELECT u.uuid, u.handle, u.display_name, u.bio, f.created_at AS followed_at
FROM follows f
JOIN users u ON u.uuid = f.follower_uuid
WHERE f.followee_uuid = :userUuid
  AND (f.created_at, f.follower_uuid) < (:cursor.createdAt, :cursor.uuid)
ORDER BY f.created_at DESC, f.follower_uuid DESC
LIMIT :fetch
