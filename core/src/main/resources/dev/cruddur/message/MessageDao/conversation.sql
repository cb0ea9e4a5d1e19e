-- One conversation of :readerUuid's (no row for anyone else's, or for none: the caller answers
-- both the same way), with the other person and how far the reader has read. The primary key of
-- message_group_members finds it; the conversation's number says whether anything is unread.
-- The reader's own handle and display name come too (their row by its primary key): a page names
-- the sender of each message, and the caller knows the reader only by uuid, so reading a page
-- needs no statement for the reader's row.
SELECT me.message_group_uuid, me.other_user_uuid, u.handle, u.display_name, me.last_read_seq,
       r.handle AS reader_handle, r.display_name AS reader_display_name
FROM message_group_members me
JOIN users u ON u.uuid = me.other_user_uuid
JOIN users r ON r.uuid = me.user_uuid
WHERE me.user_uuid = :readerUuid
  AND me.message_group_uuid = :groupUuid
