-- A page of one conversation's visible messages, newest first: keyset on the conversation's
-- numbers (messages_group_seq_idx), which are its commit order, not on times. The reader must be
-- in the conversation: the caller checked already (conversation.sql), and this says it again, one
-- primary-key probe, so the statement alone never shows a conversation to someone outside it.
SELECT m.uuid, m.seq, m.sender_uuid, m.message, m.created_at, m.expires_at
FROM messages m
WHERE m.message_group_uuid = :groupUuid
  AND m.seq < :beforeSeq
  AND m.expires_at > now()
  AND EXISTS (SELECT FROM message_group_members me
              WHERE me.user_uuid = :readerUuid AND me.message_group_uuid = :groupUuid)
ORDER BY m.seq DESC
LIMIT :fetch
