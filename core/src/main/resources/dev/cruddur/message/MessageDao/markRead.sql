-- The reader has been shown the conversation up to message number :upToSeq (the newest on the
-- first page they opened). Never moves back; writes nothing when it would not move. Unread
-- messages that have all been read leave the unread badge's index (its predicate turns false);
-- if a newer one arrived meanwhile the conversation stays unread, with the expiry it had.
UPDATE message_group_members
SET last_read_seq = :upToSeq,
    unread_expires_at = CASE WHEN last_received_seq <= :upToSeq THEN '-infinity' ELSE unread_expires_at END
WHERE user_uuid = :readerUuid
  AND message_group_uuid = :groupUuid
  AND last_read_seq < :upToSeq
