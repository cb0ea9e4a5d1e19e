-- :followerUuid stops following the person with :handle, with both counts, in one statement
-- (see follow.sql for the lock order). Stopping what was never started changes nothing.
-- Returns the followee, when there is one.
WITH followee AS (
    SELECT uuid FROM users WHERE lower(handle) = lower(:handle)
), removed AS (
    DELETE FROM follows f
    USING followee e
    WHERE f.follower_uuid = :followerUuid
      AND f.followee_uuid = e.uuid
    RETURNING f.follower_uuid, f.followee_uuid
), uncounted AS (
    UPDATE users u
    SET followers_count = u.followers_count - CASE WHEN u.uuid = r.followee_uuid THEN 1 ELSE 0 END,
        following_count = u.following_count - CASE WHEN u.uuid = r.follower_uuid THEN 1 ELSE 0 END
    FROM removed r
    WHERE u.uuid = ANY (ARRAY[r.follower_uuid, r.followee_uuid])
)
SELECT uuid FROM followee
