-- A page of one conversation's visible messages for :readerUuid, newest first, in one statement:
-- the reader's row of message_group_members by its primary key (no row at all when they are not
-- in the conversation, or there is none: the caller answers both the same way), with how far they
-- have read, the other person's handle and name and the reader's own (both by the users' primary
-- key: a page names the sender of each message, and the caller knows the reader by uuid only),
-- then the page: keyset on the conversation's numbers (messages_group_seq_idx), which are its
-- commit order, not on times. A conversation with nothing visible before :beforeSeq still gives
-- its one row (the left join), with the message columns null. The rows come in the order of the
-- lateral subquery's index scan; the caller does not depend on it (it orders them by seq).
SELECT me.other_user_uuid, o.handle, o.display_name, me.last_read_seq,
       r.handle AS reader_handle, r.display_name AS reader_display_name,
       m.uuid, m.seq, m.sender_uuid, m.message, m.created_at, m.expires_at
FROM message_group_members me
JOIN users o ON o.uuid = me.other_user_uuid
JOIN users r ON r.uuid = me.user_uuid
LEFT JOIN LATERAL (
    SELECT m.uuid, m.seq, m.sender_uuid, m.message, m.created_at, m.expires_at
    FROM messages m
    WHERE m.message_group_uuid = me.message_group_uuid
      AND m.seq < :beforeSeq
      AND m.expires_at > now()
    ORDER BY m.seq DESC
    LIMIT :fetch
) m ON true
WHERE me.user_uuid = :readerUuid
  AND me.message_group_uuid = :groupUuid
