-- The database clock sets both timestamps, so expiry never depends on a server's clock.
WITH inserted AS (
    INSERT INTO activities (user_uuid, message, expires_at)
    VALUES (:authorUuid, :message, now() + make_interval(secs => :ttlSeconds))
    RETURNING *
)
SELECT i.uuid, u.display_name, u.handle, i.message, i.replies_count, i.reposts_count,
       i.likes_count, i.reply_to_activity_uuid, i.expires_at, i.created_at,
       -- Just written: nobody has liked or reposted it yet.
       false AS liked_by_me, false AS reposted_by_me
FROM inserted i
JOIN users u ON u.uuid = i.user_uuid
