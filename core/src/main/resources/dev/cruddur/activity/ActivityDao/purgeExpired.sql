-- One batch of the purge: at most :batchSize expired activities, deleted by one statement, so
-- one short transaction in autocommit. Purging millions of rows never holds a long transaction
-- or many row locks, and readers never wait for it (a delete blocks no SELECT).
--
-- Replies go before the activity they answer: a row is taken only once no expired reply to it
-- is left (replies carry their parent's expiry, so a crud's replies are all expired with it).
-- Nothing is then deleted by ON DELETE CASCADE beside the batch: the batch stays at :batchSize
-- rows even for a crud with thousands of replies, and the count is every row deleted. A parent
-- passed over because its replies were still there is taken by the next batch.
--
-- :resumeFrom (null on a run's first batch) starts the scan where the previous batch left off,
-- so each batch reads the expiry index from there rather than over the entries of the rows
-- already deleted: those stay in the index until VACUUM, and while any transaction older than
-- the run is open (a pg_dump, a long report) each of them would cost a visit to the table.
-- The previous batch returns it: the latest expiry it deleted, or the earliest expiry of a
-- reply it deleted if that is earlier, because the parent of that reply may have been passed
-- over and has the same expiry.
WITH batch AS (
    SELECT a.uuid
    FROM activities a
    WHERE a.expires_at >= coalesce(CAST(:resumeFrom AS timestamptz), '-infinity')
      AND a.expires_at <= now()
      AND NOT EXISTS (
          SELECT 1 FROM activities r
          WHERE r.reply_to_activity_uuid = a.uuid
            AND r.expires_at <= now())
    ORDER BY a.expires_at
    LIMIT :batchSize
), deleted AS (
    DELETE FROM activities
    WHERE uuid IN (SELECT uuid FROM batch)
    RETURNING expires_at, reply_to_activity_uuid
)
SELECT count(*) AS deleted,
       least(max(expires_at), min(expires_at) FILTER (WHERE reply_to_activity_uuid IS NOT NULL)) AS resume_from
FROM deleted
