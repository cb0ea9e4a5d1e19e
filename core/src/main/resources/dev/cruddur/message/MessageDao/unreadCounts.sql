-- The badge's poll: how many of :readerUuid's conversations have an unread message that has not
-- expired, counted up to :countedUpTo (message_group_members_unread_idx holds only unread rows),
-- and when someone last wrote to them, ignoring conversations whose received messages have all
-- expired (the first such entry of message_group_members_received_idx, newest first).
SELECT (SELECT count(*)
        FROM (SELECT 1
              FROM message_group_members
              WHERE user_uuid = :readerUuid
                AND last_received_seq > last_read_seq
                AND unread_expires_at > now()
              LIMIT :countedUpTo) unread) AS unread_groups,
       (SELECT last_received_at
        FROM message_group_members
        WHERE user_uuid = :readerUuid
          AND last_received_seq > 0
          AND received_expires_at > now()
        ORDER BY last_received_at DESC
        LIMIT 1) AS last_message_at
