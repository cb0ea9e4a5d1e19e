-- Sends messages: every send waiting at one moment (SendBatches gathers them; often just one), in
-- one statement, so one transaction in autocommit and one commit for all. Send number :n of the
-- arrays (from 1) goes to a handle (starting or continuing the two people's conversation) or into
-- a conversation its sender is in (its handle or its conversation is null). It returns one row
-- per send, in order:
--   sender_handle null     the sender has no row (removed by hand since the server last looked)
--   recipient_uuid null    no such person, or no such conversation of the sender's
--   recipient_uuid = sender  the handle is the sender's own: nothing written
--   accepted false         the recipient does not accept messages from the sender: nothing written
--   otherwise              the message as written.
-- It also returns the sender's handle and display name (their row by its primary key), which the
-- answer shows: the caller knows the sender only by uuid, so a send needs no other statement.
-- The sends of one statement all see the database as it was when it began: a first message to
-- someone does not yet count as "has written to them" for an answer in the same statement.
--
-- Order: the conversations' rows are inserted, or updated to take the next numbers, first, in
-- the order of their pairs (so two such statements, from two servers, never lock the same two
-- conversations in opposite orders), and their locks are held to the commit: concurrent sends
-- into one conversation (from either person) commit in the order of their numbers; within this
-- statement, sends into one conversation are numbered in the order they came. The messages' time
-- is read from the database clock once, after those locks are taken (clock_timestamp(), in a
-- subquery that reads the locked rows, so it is evaluated after them), so within a conversation
-- later numbers never have earlier times. Then both people's rows move forward, once each: every
-- column only grows on a send (greatest), the sender's side gains nothing received.
WITH sends AS (
    SELECT *
    FROM unnest(CAST(:senders AS uuid[]), CAST(:handles AS text[]), CAST(:groups AS uuid[]),
                CAST(:messages AS text[]), CAST(:ttlSeconds AS bigint[]))
         WITH ORDINALITY AS s (sender_uuid, handle, group_uuid, message, ttl_seconds, n)
), addressed AS (
    SELECT s.n, s.sender_uuid, s.message, s.ttl_seconds,
           me.handle AS sender_handle, me.display_name AS sender_display_name,
           r.uuid AS recipient_uuid, coalesce(ok.accepted, false) AS accepted,
           least(r.uuid, s.sender_uuid) AS low_user_uuid, greatest(r.uuid, s.sender_uuid) AS high_user_uuid
    FROM sends s
    LEFT JOIN users me ON me.uuid = s.sender_uuid
    LEFT JOIN users r ON r.uuid = coalesce(
            (SELECT uuid FROM users WHERE lower(handle) = lower(s.handle)),
            (SELECT other_user_uuid FROM message_group_members
             WHERE user_uuid = s.sender_uuid AND message_group_uuid = s.group_uuid))
    LEFT JOIN LATERAL messages_accepted(r.uuid, r.messages_from, s.sender_uuid) AS ok ON true
), sendable AS (
    -- k numbers the sends into one conversation in the order they came, from 1 to sent.
    SELECT a.*,
           row_number() OVER pair AS k,
           count(*) OVER pair AS sent
    FROM addressed a
    WHERE a.accepted AND a.sender_handle IS NOT NULL
    WINDOW pair AS (PARTITION BY a.low_user_uuid, a.high_user_uuid ORDER BY a.n
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
), conversations AS (
    INSERT INTO message_groups AS g (low_user_uuid, high_user_uuid, last_seq)
    SELECT low_user_uuid, high_user_uuid, count(*)
    FROM sendable
    GROUP BY low_user_uuid, high_user_uuid
    ORDER BY low_user_uuid, high_user_uuid
    ON CONFLICT (low_user_uuid, high_user_uuid) DO UPDATE SET last_seq = g.last_seq + excluded.last_seq
    RETURNING g.uuid, g.low_user_uuid, g.high_user_uuid, g.last_seq
), stamped AS (
    SELECT clock_timestamp() AS at
    FROM (SELECT count(*) FROM conversations) AS locked
), numbered AS (
    -- The conversation's new last_seq is the number of its last send here.
    SELECT s.n, c.uuid AS message_group_uuid, c.last_seq - s.sent + s.k AS seq, s.sender_uuid, s.recipient_uuid,
           s.message, t.at AS created_at, t.at + make_interval(secs => s.ttl_seconds) AS expires_at
    FROM sendable s
    JOIN conversations c USING (low_user_uuid, high_user_uuid)
    CROSS JOIN stamped t
), written AS (
    INSERT INTO messages (message_group_uuid, seq, sender_uuid, message, created_at, expires_at)
    SELECT message_group_uuid, seq, sender_uuid, message, created_at, expires_at
    FROM numbered
    ORDER BY message_group_uuid, seq
    RETURNING uuid, message_group_uuid, seq
), sides AS (
    INSERT INTO message_group_members AS s (user_uuid, message_group_uuid, other_user_uuid, last_message_at,
                                            expires_at, last_received_seq, last_received_at,
                                            received_expires_at, unread_expires_at)
    SELECT side.user_uuid, side.message_group_uuid, side.other_user_uuid, max(side.created_at),
           max(side.expires_at), max(side.received_seq), max(side.received_at),
           max(side.received_expires_at), max(side.received_expires_at)
    FROM numbered w
    CROSS JOIN LATERAL (
        VALUES (w.sender_uuid, w.message_group_uuid, w.recipient_uuid, w.created_at, w.expires_at,
                0::bigint, '-infinity'::timestamptz, '-infinity'::timestamptz),
               (w.recipient_uuid, w.message_group_uuid, w.sender_uuid, w.created_at, w.expires_at,
                w.seq, w.created_at, w.expires_at)
    ) AS side (user_uuid, message_group_uuid, other_user_uuid, created_at, expires_at,
               received_seq, received_at, received_expires_at)
    -- the other person is the same on every row of one side
    GROUP BY side.user_uuid, side.message_group_uuid, side.other_user_uuid
    ORDER BY side.user_uuid, side.message_group_uuid
    ON CONFLICT (user_uuid, message_group_uuid) DO UPDATE
    SET last_message_at = greatest(s.last_message_at, excluded.last_message_at),
        expires_at = greatest(s.expires_at, excluded.expires_at),
        last_received_seq = greatest(s.last_received_seq, excluded.last_received_seq),
        last_received_at = greatest(s.last_received_at, excluded.last_received_at),
        received_expires_at = greatest(s.received_expires_at, excluded.received_expires_at),
        unread_expires_at = greatest(s.unread_expires_at, excluded.unread_expires_at)
)
SELECT a.sender_handle, a.sender_display_name, a.recipient_uuid, a.accepted,
       w.uuid, w.message_group_uuid, w.seq, m.message, m.created_at, m.expires_at
FROM addressed a
LEFT JOIN numbered m ON m.n = a.n
LEFT JOIN written w ON w.message_group_uuid = m.message_group_uuid AND w.seq = m.seq
ORDER BY a.n
