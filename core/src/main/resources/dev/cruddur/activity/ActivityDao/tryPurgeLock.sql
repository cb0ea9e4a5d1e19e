-- A session-level advisory lock, held for a whole purge run (many batch transactions) and
-- given back by releasePurgeLock, or by PostgreSQL when the session ends. Advisory locks are
-- per database: purges of other databases on the same server do not contend. Never waits.
SELECT pg_try_advisory_lock(:key)
