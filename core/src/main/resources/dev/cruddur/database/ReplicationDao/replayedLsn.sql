-- How far a replica has replayed the primary's WAL, asked of the replica every second. NULL when
-- the server is not in recovery: it is no replica (a promoted one, or a primary named by mistake)
-- and is not read from. A function call.
SELECT pg_last_wal_replay_lsn()::text AS lsn
