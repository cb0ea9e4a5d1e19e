-- Where the primary's WAL stood just after each person's latest write, so that any instance can
-- tell whether a read replica has replayed it yet (read-your-writes with DATABASE_READ_URL).
-- UNLOGGED: a write's mark costs no WAL and no second flush to disk, and nothing here needs to
-- reach the replicas, which never read it. The price: a crash of the primary empties the table,
-- so reads made in the replica's lag bound after such a crash may miss a person's last write.
-- One row per person who ever wrote while replicas were configured, replaced in place.
CREATE UNLOGGED TABLE recent_writes (
    user_uuid uuid   PRIMARY KEY,
    lsn       pg_lsn NOT NULL
);
