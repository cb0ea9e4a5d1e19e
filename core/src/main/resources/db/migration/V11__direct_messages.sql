-- Direct messages: a conversation (a "message group", as the original app called it) between two
-- people, its messages, and for each of the two a row with what their list of conversations and
-- their unread badge need. Messages self-destruct like cruds: every read hides a message whose
-- expires_at has passed, and the purge deletes it.
--
-- Nothing here depends on dates in keys: a person's list is ordered by their conversations'
-- latest messages, however old, and a conversation whose messages have all expired drops out of
-- it by an index condition (its latest expiry has passed).

-- Who may start a conversation with this person: 'everyone', or only the people they follow.
ALTER TABLE users
    ADD COLUMN messages_from text NOT NULL DEFAULT 'following',
    ADD CONSTRAINT users_messages_from CHECK (messages_from IN ('everyone', 'following'));

-- One conversation per pair of people, whoever wrote first: the pair is stored in uuid order
-- and is unique, so a message "to a handle" continues the conversation the two already have.
-- last_seq numbers the conversation's messages: a send takes the next number by updating this
-- row, whose lock it holds until it commits, so two sends into one conversation commit one after
-- the other, in the order of their numbers, and reading by number is reading in commit order.
CREATE TABLE message_groups (
    uuid           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    low_user_uuid  uuid        NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    high_user_uuid uuid        NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    last_seq       bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT message_groups_pair_key UNIQUE (low_user_uuid, high_user_uuid),
    CONSTRAINT message_groups_pair_in_order CHECK (low_user_uuid < high_user_uuid)
);

-- Deleting a user finds the conversations where they are the second of the pair (the pair's
-- unique index finds those where they are the first).
CREATE INDEX message_groups_high_user_idx ON message_groups (high_user_uuid);

-- A message, numbered in its conversation (seq). No foreign key on sender_uuid: the sender is one
-- of the conversation's two people, whose deletion deletes the conversation and so the message;
-- a key would only cost a look-up on every send and an index for deleting a user.
CREATE TABLE messages (
    uuid               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    message_group_uuid uuid        NOT NULL REFERENCES message_groups (uuid) ON DELETE CASCADE,
    seq                bigint      NOT NULL,
    sender_uuid        uuid        NOT NULL,
    message            text        NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    -- char_length counts code points, as the API does.
    CONSTRAINT messages_message_length CHECK (char_length(message) BETWEEN 1 AND 1024),
    CONSTRAINT messages_expires_after_creation CHECK (expires_at > created_at)
);

-- A conversation's messages, newest first, a page at a time (keyset on seq); its latest visible
-- message; how many of the other person's are unread (an index-only count, sender and expiry
-- being in the index). Unique: one number, one message.
CREATE UNIQUE INDEX messages_group_seq_idx
    ON messages (message_group_uuid, seq DESC) INCLUDE (sender_uuid, expires_at);

-- The purge deletes by expiry.
CREATE INDEX messages_expires_at_idx ON messages (expires_at);

-- Each person's side of a conversation: what their list shows and sorts by, kept by the send in
-- the same statement that writes the message (MessageDao/send.sql), so the list never reads the
-- messages to find its order. Every column but last_read_seq only moves forward on a send; a
-- sender's deletion of a message recomputes them (MessageDao/deleteMessage.sql).
--
--   other_user_uuid      the other person (no foreign key: the conversation's own keys delete
--                        this row with either person, see message_groups)
--   last_message_at      when the latest message was written: the list's order
--   expires_at           the latest expiry among the conversation's messages: once it has
--                        passed, nothing is left to show, and the list passes the row over
--   last_read_seq        everything up to this number has been read by this person
--   last_received_seq    the number of the latest message the other person sent to this one
--   last_received_at     when it was written; received_expires_at: the latest expiry among the
--                        messages received, so "the newest message received" ignores expired ones
--   unread_expires_at    the latest expiry among the messages received and not yet read
--                        ('-infinity' once read): unread messages that have all expired no
--                        longer make the conversation unread
CREATE TABLE message_group_members (
    user_uuid           uuid        NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
    message_group_uuid  uuid        NOT NULL REFERENCES message_groups (uuid) ON DELETE CASCADE,
    other_user_uuid     uuid        NOT NULL,
    last_message_at     timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    last_read_seq       bigint      NOT NULL DEFAULT 0,
    last_received_seq   bigint      NOT NULL DEFAULT 0,
    last_received_at    timestamptz NOT NULL DEFAULT '-infinity',
    received_expires_at timestamptz NOT NULL DEFAULT '-infinity',
    unread_expires_at   timestamptz NOT NULL DEFAULT '-infinity',
    PRIMARY KEY (user_uuid, message_group_uuid),
    CONSTRAINT message_group_members_not_self CHECK (user_uuid <> other_user_uuid)
);

-- A person's conversations, the latest message first: one bounded range of this index per page
-- (keyset on last_message_at, message_group_uuid), however many conversations they have. The
-- expiry is in the index, so conversations with nothing left are passed over there; the other
-- columns a page needs are too, so an all-visible page is read from the index alone.
CREATE INDEX message_group_members_list_idx
    ON message_group_members (user_uuid, last_message_at DESC, message_group_uuid DESC)
    INCLUDE (expires_at, other_user_uuid, last_read_seq);

-- The unread badge: the conversations with a message received after the last read, counted up
-- to 100. The predicate compares two columns of the row, so the index holds only the unread
-- conversations (few, and none once read) and a count reads at most 100 of its entries.
CREATE INDEX message_group_members_unread_idx
    ON message_group_members (user_uuid) INCLUDE (unread_expires_at)
    WHERE last_received_seq > last_read_seq;

-- "When did someone last write to me": the first unexpired entry of this range, newest first.
-- Only rows of people who received something.
CREATE INDEX message_group_members_received_idx
    ON message_group_members (user_uuid, last_received_at DESC) INCLUDE (received_expires_at)
    WHERE last_received_seq > 0;

-- Whether the recipient accepts a message from the sender: the one rule, for the send
-- (MessageDao/send.sql) and for a profile's "can message" (UserDao/profile.sql). A person
-- accepts messages from everyone, or (the default) from the people they follow; and anyone who
-- has written to someone may be answered, whatever the setting of the one who wrote. Nobody
-- messages themselves, and someone not signed in (null) messages nobody.
-- Set-returning, like reader_marks, so PostgreSQL inlines it into the statement as a lateral
-- subquery instead of calling a function that is planned apart on every row.
CREATE FUNCTION messages_accepted(recipient uuid, recipient_messages_from text, sender uuid)
    RETURNS TABLE (accepted boolean)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT coalesce(sender <> recipient, false) AND (
        recipient_messages_from = 'everyone'
        OR EXISTS (SELECT FROM follows f WHERE f.follower_uuid = recipient AND f.followee_uuid = sender)
        OR EXISTS (SELECT FROM message_groups g
                   JOIN message_group_members m ON m.message_group_uuid = g.uuid AND m.user_uuid = sender
                   WHERE g.low_user_uuid = least(recipient, sender)
                     AND g.high_user_uuid = greatest(recipient, sender)
                     AND m.last_received_seq > 0))
$$;
