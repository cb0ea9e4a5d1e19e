-- One statement: count the reply on its parent (the row lock serialises concurrent replies,
-- so N replies give exactly N) and insert it with the parent's expiry. An unknown or expired
-- parent updates nothing, inserts nothing and returns no row.
WITH parent AS (
    UPDATE activities
    SET replies_count = replies_count + 1
    WHERE uuid = :parentUuid
      AND expires_at > now()
    RETURNING uuid, user_uuid, expires_at
), inserted AS (
    INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, reply_to_user_uuid, expires_at)
    SELECT :authorUuid, :message, parent.uuid, parent.user_uuid, parent.expires_at
    FROM parent
    RETURNING *
)
SELECT i.uuid, u.display_name, u.handle, i.message, i.replies_count, i.reposts_count,
       i.likes_count, i.reply_to_activity_uuid, i.expires_at, i.created_at,
       -- Just written: nobody has liked or reposted it yet.
       false AS liked_by_me, false AS reposted_by_me
FROM inserted i
JOIN users u ON u.uuid = i.user_uuid
