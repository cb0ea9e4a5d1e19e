-- The second statement of deleting a message (after lockForDelete.sql, in the same transaction):
-- deletes it, and recomputes what both people's rows said about the conversation's messages
-- from the ones left (this statement still sees the deleted row, hence uuid <> :uuid). Without
-- that a conversation whose latest-expiring message was deleted would stay listed with nothing
-- to show, and an unread message deleted by its sender would stay unread. Reads one
-- conversation's entries of messages_group_seq_idx; deleting is rare, a conversation small.
WITH deleted AS (
    DELETE FROM messages
    WHERE uuid = :uuid AND message_group_uuid = :groupUuid AND sender_uuid = :senderUuid
    RETURNING uuid
), remaining AS (
    SELECT max(m.expires_at) AS expires_at,
           max(m.seq) FILTER (WHERE m.sender_uuid = :senderUuid) AS sent_seq,
           max(m.expires_at) FILTER (WHERE m.sender_uuid = :senderUuid) AS sent_expires_at
    FROM messages m
    WHERE m.message_group_uuid = :groupUuid
      AND m.uuid <> :uuid
)
UPDATE message_group_members s
SET last_message_at = coalesce(
        (SELECT m.created_at FROM messages m
         WHERE m.message_group_uuid = :groupUuid AND m.uuid <> :uuid
         ORDER BY m.seq DESC LIMIT 1),
        s.last_message_at),
    expires_at = coalesce(r.expires_at, '-infinity'),
    -- The recipient's side: what they received from the sender.
    last_received_seq = CASE WHEN s.user_uuid = :senderUuid THEN s.last_received_seq
                             ELSE coalesce(r.sent_seq, 0) END,
    last_received_at = CASE WHEN s.user_uuid = :senderUuid THEN s.last_received_at
                            ELSE coalesce((SELECT m.created_at FROM messages m
                                           WHERE m.message_group_uuid = :groupUuid AND m.uuid <> :uuid
                                             AND m.seq = r.sent_seq), '-infinity') END,
    received_expires_at = CASE WHEN s.user_uuid = :senderUuid THEN s.received_expires_at
                               ELSE coalesce(r.sent_expires_at, '-infinity') END,
    unread_expires_at = CASE WHEN s.user_uuid = :senderUuid THEN s.unread_expires_at
                             ELSE coalesce((SELECT max(m.expires_at) FROM messages m
                                            WHERE m.message_group_uuid = :groupUuid AND m.uuid <> :uuid
                                              AND m.sender_uuid = :senderUuid
                                              AND m.seq > s.last_read_seq), '-infinity') END
FROM remaining r, message_groups g
WHERE g.uuid = :groupUuid
  -- Both rows by their primary key (the key leads with the person, not the conversation).
  AND s.user_uuid IN (g.low_user_uuid, g.high_user_uuid)
  AND s.message_group_uuid = :groupUuid
  AND EXISTS (SELECT FROM deleted)
RETURNING s.user_uuid
