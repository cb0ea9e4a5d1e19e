-- Client connections only (no autovacuum or WAL writers), the longest-lived first.
SELECT pid,
       usename                AS user,
       datname                AS database,
       host(client_addr)      AS client_address,
       application_name,
       state,
       backend_start,
       state_change
FROM pg_stat_activity
WHERE backend_type = 'client backend'
ORDER BY backend_start, pid
