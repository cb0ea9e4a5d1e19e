-- 10,000 users and 1,000,000 activities shaped like the benchmark's data (bench's GenerateData):
-- 800,000 top-level cruds spread over 28 days, 5 % expired, 2 % tagged #cruddur, 8 carrying the
-- rare word "rarebird"; 200,000 replies, a tenth of them to one recent hot crud, each with its
-- parent's author and expiry. Everything is derived from the row number, so replies find their
-- parents without a join and the data is the same on every run. The uuids rise with the row
-- number (users 1…, cruds 2…, replies 3…), which keeps the primary keys' B-trees cheap to fill;
-- the messages are single words (and the tags), which keeps the trigram index cheap to build.
-- QueryPlansTest runs it with session_replication_role = replica (the foreign keys hold by
-- construction), into unlogged tables, with the secondary indexes dropped and rebuilt after.
INSERT INTO users (uuid, display_name, handle, email, cognito_user_id, created_at)
SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(j), 12, '0'))::uuid,
       'User ' || j, 'user_' || j, 'user' || j || '@example.com', 'sub-' || j,
       now() - interval '60 days'
FROM generate_series(0, 9999) AS j;

-- Crud i: by user (i * 7919) % 10000, created (800,000 - i) * 3.024 s ago (the newest last).
INSERT INTO activities (uuid, user_uuid, message, created_at, expires_at)
SELECT ('20000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex((i * 7919) % 10000), 12, '0'))::uuid,
       (ARRAY['gm', 'lunch', 'shipped', 'late', 'green', 'coffee', 'crud'])[i % 7 + 1]
           || CASE WHEN i % 50 = 0 THEN ' #cruddur' ELSE '' END
           || CASE WHEN i % 100000 = 7 THEN ' rarebird' ELSE '' END,
       created_at,
       CASE WHEN i % 20 = 3 THEN created_at + interval '1 hour' ELSE now() + interval '30 days' END
FROM generate_series(0::bigint, 799999) AS i,
     LATERAL (SELECT now() - make_interval(secs => (800000 - i) * 3.024) AS created_at) AS t;

-- Reply r: to the hot crud 799,000 when r % 10 = 0, else to crud (r * 7) % 800,000; created
-- between its parent and now, before its parent expires.
INSERT INTO activities (uuid, user_uuid, message, reply_to_activity_uuid, reply_to_user_uuid, created_at, expires_at)
SELECT ('30000000-0000-4000-8000-' || lpad(to_hex(r), 12, '0'))::uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex((r * 31) % 10000), 12, '0'))::uuid,
       (ARRAY['agreed', 'same', 'nice', 'more'])[r % 4 + 1],
       ('20000000-0000-4000-8000-' || lpad(to_hex(p), 12, '0'))::uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex((p * 7919) % 10000), 12, '0'))::uuid,
       least(parent_created + (now() - parent_created) * ((r % 997) / 997.0), parent_expires - interval '1 second'),
       parent_expires
FROM generate_series(0::bigint, 199999) AS r,
     LATERAL (SELECT CASE WHEN r % 10 = 0 THEN 799000 ELSE (r * 7) % 800000 END AS p) AS parent,
     LATERAL (SELECT now() - make_interval(secs => (800000 - p) * 3.024) AS parent_created) AS c,
     LATERAL (SELECT CASE WHEN p % 20 = 3 THEN parent_created + interval '1 hour'
                          ELSE now() + interval '30 days' END AS parent_expires) AS e;

-- Follows: user u follows the users (u * 13 + k * 197) % 10,000, k = 1…50, but itself: about
-- 500,000 rows, and (13 having an inverse modulo 10,000) about 50 followers each.
INSERT INTO follows (follower_uuid, followee_uuid, created_at)
SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(u), 12, '0'))::uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex(f), 12, '0'))::uuid,
       now() - make_interval(secs => k * 3600)
FROM generate_series(0, 9999) AS u,
     generate_series(1, 50) AS k,
     LATERAL (SELECT (u * 13 + k * 197) % 10000 AS f) AS followee
WHERE f <> u;

-- Likes: crud i is liked by the users (i * 31 + k * 101) % 10,000, k = 1…(i % 5), and the hot
-- crud (799,000, liked by none of those) by 2,000 more; a crud in ten is also reposted by its first liker. About 1.7 million rows.
INSERT INTO reactions (activity_uuid, user_uuid, kind, created_at)
SELECT ('20000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex((i * 31 + k * 101) % 10000), 12, '0'))::uuid,
       kind, now() - interval '1 hour'
FROM generate_series(0::bigint, 799999) AS i,
     LATERAL generate_series(1, (i % 5)::int) AS k,
     LATERAL unnest(CASE WHEN i % 10 = 1 AND k = 1 THEN ARRAY['like', 'repost'] ELSE ARRAY['like'] END) AS kind
UNION ALL
SELECT '20000000-0000-4000-8000-0000000c3118'::uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex(j), 12, '0'))::uuid, 'like', now() - interval '1 hour'
FROM generate_series(5000, 6999) AS j;

-- Two more readers of the following timeline, beside the users above who follow about 50 people
-- each: user 10,000 follows 10 people, user 10,001 follows 1,000.
INSERT INTO users (uuid, display_name, handle, email, cognito_user_id, created_at)
SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(j), 12, '0'))::uuid,
       'User ' || j, 'user_' || j, 'user' || j || '@example.com', 'sub-' || j,
       now() - interval '60 days'
FROM generate_series(10000, 10001) AS j;

INSERT INTO follows (follower_uuid, followee_uuid, created_at)
SELECT ('10000000-0000-4000-8000-' || lpad(to_hex(u), 12, '0'))::uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex((k * 7) % 10000), 12, '0'))::uuid,
       now() - make_interval(secs => k)
FROM generate_series(10000, 10001) AS u,
     LATERAL generate_series(1, CASE WHEN u = 10000 THEN 10 ELSE 1000 END) AS k;

-- The counts the follow statements keep.
UPDATE users u
SET following_count = coalesce(following.n, 0), followers_count = coalesce(followers.n, 0)
FROM users x
LEFT JOIN (SELECT follower_uuid AS uuid, count(*) AS n FROM follows GROUP BY 1) following USING (uuid)
LEFT JOIN (SELECT followee_uuid AS uuid, count(*) AS n FROM follows GROUP BY 1) followers USING (uuid)
WHERE u.uuid = x.uuid;

-- What the triggers write (they do not fire here), by the function the migration backfills with.
SELECT derive_social_rows();
