-- One batch, so purging millions of rows never holds one huge transaction.
-- Replies go with their parent (ON DELETE CASCADE) and expire with it anyway.
DELETE FROM activities
WHERE uuid IN (
    SELECT uuid FROM activities
    WHERE expires_at <= now()
    ORDER BY expires_at
    LIMIT :batchSize
)
