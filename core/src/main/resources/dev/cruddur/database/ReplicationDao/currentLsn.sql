-- The primary's WAL position, sampled every second: a replica that has replayed past the sample
-- taken CRUDDUR_REPLICA_MAX_LAG ago shows everything committed before then. A function call.
SELECT pg_current_wal_lsn()::text AS lsn
