-- A page of a person's conversations, the latest message first: one bounded range of
-- message_group_members_list_idx (keyset on last_message_at, message_group_uuid), whose entries
-- carry the conversation's latest expiry, so conversations with nothing left are passed over in
-- the index; then for each row of the page only: the other person, the latest visible message
-- (the first entry of messages_group_seq_idx that has not expired) and the number of the other
-- person's messages after the last read, counted up to :countedUpTo (index-only: sender and expiry
-- are in that index). Nothing here reads more for someone with 10,000 conversations than with 10.
-- The inner join to the latest message keeps a conversation with nothing visible off the page.
SELECT mb.message_group_uuid, mb.last_message_at, u.handle, u.display_name,
       latest.message, latest.created_at, unread.unread_count
FROM (
    SELECT message_group_uuid, last_message_at, other_user_uuid, last_read_seq
    FROM message_group_members
    WHERE user_uuid = :readerUuid
      AND expires_at > now()
      AND (last_message_at, message_group_uuid) < (:cursor.createdAt, :cursor.uuid)
    ORDER BY last_message_at DESC, message_group_uuid DESC
    LIMIT :fetch
) mb
JOIN users u ON u.uuid = mb.other_user_uuid
CROSS JOIN LATERAL (
    SELECT m.message, m.created_at
    FROM messages m
    WHERE m.message_group_uuid = mb.message_group_uuid
      AND m.expires_at > now()
    ORDER BY m.seq DESC
    LIMIT 1
) latest
CROSS JOIN LATERAL (
    SELECT count(*) AS unread_count
    FROM (
        SELECT 1
        FROM messages m
        WHERE m.message_group_uuid = mb.message_group_uuid
          AND m.seq > mb.last_read_seq
          AND m.sender_uuid = mb.other_user_uuid
          AND m.expires_at > now()
        LIMIT :countedUpTo
    ) counted
) unread
ORDER BY mb.last_message_at DESC, mb.message_group_uuid DESC
