-- One batch of the purge's direct messages: at most :batchSize expired messages, one statement, so one
-- short transaction in autocommit (see purgeExpired.sql for why it resumes from
-- :resumeFrom). Nothing else needs changing: the rows of message_group_members describe expiry,
-- not which messages exist, so an expired message is as gone before it is deleted as after.
WITH batch AS (
    SELECT uuid
    FROM messages
    WHERE expires_at >= coalesce(CAST(:resumeFrom AS timestamptz), '-infinity')
      AND expires_at <= now()
    ORDER BY expires_at
    LIMIT :batchSize
), deleted AS (
    DELETE FROM messages
    WHERE uuid IN (SELECT uuid FROM batch)
    RETURNING expires_at
)
SELECT count(*) AS deleted, max(expires_at) AS resume_from
FROM deleted
