-- Everything up to :upTo is read (null: up to now). The mark never moves back, and never past
-- now: a notification written later is never read before it is seen.
UPDATE users
SET notifications_read_at = greatest(notifications_read_at, least(coalesce(CAST(:upTo AS timestamptz), now()), now()))
WHERE uuid = :recipientUuid
