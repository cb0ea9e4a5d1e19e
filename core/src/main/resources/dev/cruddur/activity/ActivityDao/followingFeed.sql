-- A signed-in person's timeline: the cruds and reposts of everyone they follow, and their own,
-- newest first. Its page of feed entries is found in one of three ways, chosen in the statement by
-- how many people the reader follows (users.following_count), so that a page costs about the same
-- whether they follow ten people or five thousand (docs/benchmarks.md has the figures):
--
-- * fewer than 50: the newest entries of each of them (feed_entries_pkey, a page each at most),
--   merged. This costs more the more people are followed.
-- * 50 to 799: every entry newest first (feed_entries_time_idx), kept when its poster is in a hash
--   of the people followed, until a page is full. Fewer followed means more entries passed over.
-- * 800 or more: the same walk, each entry's poster looked up in follows_pkey instead: a lookup
--   costs more than a hash probe, but few entries are passed over, and building a hash of
--   thousands of people would cost more than the page.
--
-- The branches not chosen are never run: their condition does not depend on any row, so
-- PostgreSQL tests it once, before it starts them.
WITH reader AS (
    SELECT following_count FROM users WHERE uuid = :readerUuid
), entries AS (
    (SELECT e.*
     FROM (SELECT followee_uuid AS uuid FROM follows WHERE follower_uuid = :readerUuid
           UNION ALL
           SELECT CAST(:readerUuid AS uuid)) f
     CROSS JOIN LATERAL (
         SELECT poster_uuid, created_at, activity_uuid, reposted
         FROM feed_entries
         WHERE poster_uuid = f.uuid
           AND expires_at > now()
           AND (created_at, activity_uuid) < (:cursor.createdAt, :cursor.uuid)
         ORDER BY created_at DESC, activity_uuid DESC
         LIMIT :fetch
     ) e
     WHERE (SELECT following_count FROM reader) < 50
     ORDER BY e.created_at DESC, e.activity_uuid DESC
     LIMIT :fetch)
    UNION ALL
    (SELECT e.poster_uuid, e.created_at, e.activity_uuid, e.reposted
     FROM feed_entries e
     WHERE (SELECT following_count FROM reader) BETWEEN 50 AND 799
       -- Under OR, PostgreSQL keeps the IN as a hashed subplan tested on each entry, rather than
       -- turning it into a join that reads every followed person's entries and sorts them.
       AND (e.poster_uuid = :readerUuid
            OR e.poster_uuid IN (SELECT followee_uuid FROM follows WHERE follower_uuid = :readerUuid))
       AND e.expires_at > now()
       AND (e.created_at, e.activity_uuid) < (:cursor.createdAt, :cursor.uuid)
     ORDER BY e.created_at DESC, e.activity_uuid DESC
     LIMIT :fetch)
    UNION ALL
    (SELECT e.poster_uuid, e.created_at, e.activity_uuid, e.reposted
     FROM feed_entries e
     WHERE (SELECT following_count FROM reader) >= 800
       -- A subquery that depends on the entry is run for each entry: one follows_pkey lookup.
       AND (e.poster_uuid = :readerUuid
            OR (SELECT true FROM follows f WHERE f.follower_uuid = :readerUuid AND f.followee_uuid = e.poster_uuid))
       AND e.expires_at > now()
       AND (e.created_at, e.activity_uuid) < (:cursor.createdAt, :cursor.uuid)
     ORDER BY e.created_at DESC, e.activity_uuid DESC
     LIMIT :fetch)
)
SELECT v.uuid, v.display_name, v.handle, v.message, v.replies_count, v.reposts_count, v.likes_count,
       v.reply_to_activity_uuid, v.expires_at, v.created_at,
       m.liked AS liked_by_me, m.reposted AS reposted_by_me,
       p.handle AS reposter_handle, p.display_name AS reposter_display_name,
       CASE WHEN e.reposted THEN e.created_at END AS reposted_at
FROM entries e
-- Each entry's crud, author and reposter by primary key: OFFSET 0 keeps PostgreSQL from
-- planning these as joins of whole tables, as it would for a page it cannot count in advance.
CROSS JOIN LATERAL (SELECT * FROM visible_activities WHERE uuid = e.activity_uuid OFFSET 0) v
LEFT JOIN LATERAL (SELECT handle, display_name FROM users WHERE e.reposted AND uuid = e.poster_uuid OFFSET 0) p ON true
CROSS JOIN LATERAL reader_marks(v.uuid, v.likes_count + v.reposts_count, :readerUuid) AS m
ORDER BY e.created_at DESC, e.activity_uuid DESC
