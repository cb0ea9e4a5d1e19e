-- :followerUuid follows the person with :handle, and both counts move with the row, in one
-- statement (one transaction in autocommit). A repeat inserts nothing and counts nothing.
-- Both users' rows are updated by one UPDATE, which locks them in the order of their uuids
-- (an index scan of = ANY walks the array sorted): two people following each other at the same
-- moment lock in the same order, so they never deadlock. Returns the followee, when there is one.
WITH followee AS (
    SELECT uuid FROM users WHERE lower(handle) = lower(:handle)
), added AS (
    INSERT INTO follows (follower_uuid, followee_uuid)
    SELECT :followerUuid, uuid FROM followee
    ON CONFLICT DO NOTHING
    RETURNING follower_uuid, followee_uuid
), counted AS (
    UPDATE users u
    SET followers_count = u.followers_count + CASE WHEN u.uuid = a.followee_uuid THEN 1 ELSE 0 END,
        following_count = u.following_count + CASE WHEN u.uuid = a.follower_uuid THEN 1 ELSE 0 END
    FROM added a
    WHERE u.uuid = ANY (ARRAY[a.follower_uuid, a.followee_uuid])
)
SELECT uuid FROM followee
