-- Direct messages for QueryPlansTest, on million.sql's users: 30,000 conversations of pairs of
-- users (user a with a + 1, a + 98 and a + 195, so each person has six), and user 4242 with 2,000
-- more (with 4542 to 6541): someone whose list is long. Ten messages each, sent in turn by the
-- two, a minute apart, the latest up to three weeks ago; one conversation in ten has expired
-- entirely, and one message in ten elsewhere has (for the purge). The members' rows are what the
-- sends would have left: the second of the pair has read up to message 6, the first everything.
-- Everything is derived from the conversation's number g, as in million.sql.
CREATE TEMPORARY TABLE dm_pairs AS
SELECT g,
       ('40000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid AS group_uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex(a), 12, '0'))::uuid AS a_uuid,
       ('10000000-0000-4000-8000-' || lpad(to_hex(b), 12, '0'))::uuid AS b_uuid,
       now() - make_interval(secs => (g * 7919) % 1814400) AS last_at,
       g % 10 = 5 AS expired
FROM (
    SELECT g, g % 10000 AS a, (g % 10000 + 1 + (g / 10000) * 97) % 10000 AS b
    FROM generate_series(0, 29999) AS g
    UNION ALL
    SELECT 30000 + j, 4242, 4542 + j
    FROM generate_series(0, 1999) AS j
) pairs;

INSERT INTO message_groups (uuid, low_user_uuid, high_user_uuid, last_seq, created_at)
SELECT group_uuid, least(a_uuid, b_uuid), greatest(a_uuid, b_uuid), 10, last_at - interval '10 minutes'
FROM dm_pairs;

-- Message s of conversation g: from a when s is odd, from b when even.
INSERT INTO messages (uuid, message_group_uuid, seq, sender_uuid, message, created_at, expires_at)
SELECT ('50000000-0000-4000-8000-' || lpad(to_hex(p.g * 16 + s), 12, '0'))::uuid,
       p.group_uuid, s, CASE WHEN s % 2 = 1 THEN p.a_uuid ELSE p.b_uuid END,
       (ARRAY['hi', 'lunch?', 'ok', 'see you'])[s % 4 + 1],
       p.last_at - make_interval(mins => 10 - s),
       CASE WHEN p.expired OR (p.g + s) % 10 = 0 THEN p.last_at - make_interval(mins => 10 - s) + interval '1 minute'
            ELSE now() + interval '7 days' END
FROM dm_pairs p, generate_series(1, 10) AS s;

INSERT INTO message_group_members (user_uuid, message_group_uuid, other_user_uuid, last_message_at, expires_at,
                                   last_read_seq, last_received_seq, last_received_at, received_expires_at,
                                   unread_expires_at)
SELECT m.user_uuid, p.group_uuid, m.other_uuid, p.last_at,
       CASE WHEN p.expired THEN p.last_at ELSE now() + interval '7 days' END,
       m.read_seq, m.received_seq, p.last_at - make_interval(mins => 10 - m.received_seq),
       CASE WHEN p.expired THEN p.last_at ELSE now() + interval '7 days' END,
       CASE WHEN m.read_seq >= m.received_seq THEN '-infinity'
            WHEN p.expired THEN p.last_at ELSE now() + interval '7 days' END
FROM dm_pairs p
CROSS JOIN LATERAL (VALUES (p.a_uuid, p.b_uuid, 10, 10), (p.b_uuid, p.a_uuid, 6, 9)) AS m(user_uuid, other_uuid, read_seq, received_seq);

DROP TABLE dm_pairs;
