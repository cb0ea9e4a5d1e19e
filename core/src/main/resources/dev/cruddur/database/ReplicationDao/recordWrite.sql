-- A person's write has committed: remember where the primary's WAL stands now, at or past that
-- write's commit record. Run after the write, in a statement of its own, before the answer is
-- sent, so every instance that later reads for this person finds it. One primary-key upsert.
INSERT INTO recent_writes (user_uuid, lsn)
VALUES (:userUuid, pg_current_wal_lsn())
ON CONFLICT (user_uuid) DO UPDATE SET lsn = excluded.lsn
