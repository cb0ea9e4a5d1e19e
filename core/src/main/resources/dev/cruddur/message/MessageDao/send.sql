-- Sends a message, to a handle (starting or continuing the two people's conversation) or into a
-- conversation the sender is in (:groupUuid; the other one is null). One statement, so one short
-- transaction in autocommit, and it always returns one row:
--   sender_handle null     the sender has no row (removed by hand since the server last looked)
--   recipient_uuid null    no such person, or no such conversation of the sender's
--   recipient_uuid :senderUuid  the handle is the sender's own: nothing written
--   accepted false         the recipient does not accept messages from the sender: nothing written
--   otherwise              the message as written.
-- It also returns the sender's handle and display name (their row by its primary key), which the
-- answer shows: the caller knows the sender only by uuid, so a send needs no other statement.
--
-- Order: the conversation's row is inserted, or updated to take the next number, first; its lock
-- is held to the commit, so concurrent sends into one conversation (from either person) commit
-- in the order of their numbers. The message's time is read from the database clock after that
-- lock is taken (clock_timestamp(), in a lateral subquery that depends on the row, OFFSET 0 so it
-- is evaluated once per row and not folded into the select list), so within a conversation later
-- numbers have later times too. Then both people's rows move forward: every column only grows on
-- a send (greatest), the sender's side gains nothing received.
WITH sender AS (
    SELECT handle, display_name
    FROM users
    WHERE uuid = :senderUuid
), recipient AS (
    SELECT r.uuid, ok.accepted
    FROM users r
    CROSS JOIN LATERAL messages_accepted(r.uuid, r.messages_from, :senderUuid) AS ok
    WHERE r.uuid = coalesce(
            (SELECT uuid FROM users WHERE lower(handle) = lower(CAST(:handle AS text))),
            (SELECT other_user_uuid FROM message_group_members
             WHERE user_uuid = :senderUuid AND message_group_uuid = CAST(:groupUuid AS uuid)))
), conversation AS (
    INSERT INTO message_groups AS g (low_user_uuid, high_user_uuid, last_seq)
    SELECT least(r.uuid, :senderUuid), greatest(r.uuid, :senderUuid), 1
    FROM recipient r
    WHERE r.accepted
      AND r.uuid <> :senderUuid
      AND EXISTS (SELECT FROM sender)
    ON CONFLICT (low_user_uuid, high_user_uuid) DO UPDATE SET last_seq = g.last_seq + 1
    RETURNING g.uuid, g.last_seq
), written AS (
    INSERT INTO messages (message_group_uuid, seq, sender_uuid, message, created_at, expires_at)
    SELECT c.uuid, c.last_seq, :senderUuid, :message, t.at, t.at + make_interval(secs => :ttlSeconds)
    FROM conversation c
    CROSS JOIN LATERAL (SELECT c.last_seq, clock_timestamp() AS at OFFSET 0) t
    RETURNING uuid, message_group_uuid, seq, message, created_at, expires_at
), sides AS (
    INSERT INTO message_group_members AS s (user_uuid, message_group_uuid, other_user_uuid, last_message_at,
                                            expires_at, last_received_seq, last_received_at,
                                            received_expires_at, unread_expires_at)
    SELECT :senderUuid, w.message_group_uuid, r.uuid, w.created_at, w.expires_at, 0,
           '-infinity', '-infinity', '-infinity'
    FROM written w, recipient r
    UNION ALL
    SELECT r.uuid, w.message_group_uuid, :senderUuid, w.created_at, w.expires_at, w.seq,
           w.created_at, w.expires_at, w.expires_at
    FROM written w, recipient r
    ON CONFLICT (user_uuid, message_group_uuid) DO UPDATE
    SET last_message_at = greatest(s.last_message_at, excluded.last_message_at),
        expires_at = greatest(s.expires_at, excluded.expires_at),
        last_received_seq = greatest(s.last_received_seq, excluded.last_received_seq),
        last_received_at = greatest(s.last_received_at, excluded.last_received_at),
        received_expires_at = greatest(s.received_expires_at, excluded.received_expires_at),
        unread_expires_at = greatest(s.unread_expires_at, excluded.unread_expires_at)
)
SELECT s.handle AS sender_handle, s.display_name AS sender_display_name,
       r.uuid AS recipient_uuid, r.accepted,
       w.uuid, w.message_group_uuid, w.seq, w.message, w.created_at, w.expires_at
FROM (VALUES (1)) AS one
LEFT JOIN sender s ON true
LEFT JOIN recipient r ON true
LEFT JOIN written w ON true
