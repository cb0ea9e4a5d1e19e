-- One batch, so purging millions of rows never holds one huge transaction.
-- The replies of the batch's rows (and replies to those) are deleted here explicitly rather
-- than left to ON DELETE CASCADE: rows a cascade removes are not in the statement's row
-- count, so a crud at the edge of a batch would lose its replies uncounted.
WITH RECURSIVE batch AS (
    SELECT uuid FROM activities
    WHERE expires_at <= now()
    ORDER BY expires_at
    LIMIT :batchSize
), doomed AS (
    SELECT uuid FROM batch
    UNION
    SELECT a.uuid FROM activities a JOIN doomed d ON a.reply_to_activity_uuid = d.uuid
)
DELETE FROM activities
WHERE uuid IN (SELECT uuid FROM doomed)
