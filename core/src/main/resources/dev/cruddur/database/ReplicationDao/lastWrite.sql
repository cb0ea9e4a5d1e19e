-- Where the primary's WAL stood after a person's latest write, read on the primary before each of
-- their reads: a replica that has replayed this far shows them everything they wrote. One
-- primary-key lookup; no row for someone who has not written (or not since the primary restarted).
SELECT lsn::text AS lsn
FROM recent_writes
WHERE user_uuid = :userUuid
