-- The first statement of deleting a message: finds a visible message of a conversation :userUuid
-- is in (no row otherwise: the caller cannot tell a stranger's message from none) and locks its
-- conversation's row as a send does (FOR NO KEY UPDATE conflicts with a send's update of
-- last_seq, not with the foreign-key checks of other writes). Until the commit no message is
-- added to the conversation, so deleteMessage.sql recomputes both people's rows from every
-- message there is.
SELECT m.message_group_uuid, m.sender_uuid
FROM messages m
JOIN message_group_members me ON me.message_group_uuid = m.message_group_uuid AND me.user_uuid = :userUuid
JOIN message_groups g ON g.uuid = m.message_group_uuid
WHERE m.uuid = :uuid
  AND m.expires_at > now()
FOR NO KEY UPDATE OF g
