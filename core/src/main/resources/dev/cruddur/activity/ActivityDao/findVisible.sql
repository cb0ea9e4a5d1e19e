SELECT v.uuid, v.display_name, v.handle, v.message, v.replies_count, v.reposts_count, v.likes_count,
       v.reply_to_activity_uuid, v.expires_at, v.created_at,
       m.liked AS liked_by_me, m.reposted AS reposted_by_me
FROM visible_activities v
CROSS JOIN LATERAL reader_marks(v.uuid, v.likes_count + v.reposts_count, :readerUuid) AS m
WHERE uuid = :uuid
