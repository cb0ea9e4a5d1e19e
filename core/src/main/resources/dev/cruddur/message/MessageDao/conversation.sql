-- One conversation of :readerUuid's (no row for anyone else's, or for none: the caller answers
-- both the same way), with the other person and how far the reader has read. The primary key of
-- message_group_members finds it; the conversation's number says whether anything is unread.
SELECT me.message_group_uuid, me.other_user_uuid, u.handle, u.display_name, me.last_read_seq
FROM message_group_members me
JOIN users u ON u.uuid = me.other_user_uuid
WHERE me.user_uuid = :readerUuid
  AND me.message_group_uuid = :groupUuid
