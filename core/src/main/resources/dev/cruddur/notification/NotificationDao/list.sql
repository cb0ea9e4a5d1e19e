-- A page of a person's notifications, newest first (notifications_recipient_idx, whose rows
-- carry expires_at, so a notification about an expired crud is passed over in the index), each
-- with who caused it and, but for a new follower, the crud or reply concerned as the recipient
-- sees it. Read: created no later than the moment the recipient marked read.
SELECT n.uuid AS notification_uuid, n.kind, n.created_at AS notification_created_at,
       n.created_at <= r.notifications_read_at AS read,
       actor.handle AS actor_handle, actor.display_name AS actor_display_name,
       v.uuid, v.display_name, v.handle, v.message, v.replies_count, v.reposts_count, v.likes_count,
       v.reply_to_activity_uuid, v.expires_at, v.created_at,
       m.liked AS liked_by_me, m.reposted AS reposted_by_me
FROM (
    SELECT uuid, kind, created_at, actor_uuid, activity_uuid
    FROM notifications
    WHERE recipient_uuid = :recipientUuid
      AND expires_at > now()
      AND (created_at, uuid) < (:cursor.createdAt, :cursor.uuid)
    ORDER BY created_at DESC, uuid DESC
    LIMIT :fetch
) n
CROSS JOIN (SELECT notifications_read_at FROM users WHERE uuid = :recipientUuid) r
JOIN users actor ON actor.uuid = n.actor_uuid
LEFT JOIN visible_activities v ON v.uuid = n.activity_uuid
LEFT JOIN LATERAL reader_marks(v.uuid, v.likes_count + v.reposts_count, :recipientUuid) AS m ON true
ORDER BY n.created_at DESC, n.uuid DESC
