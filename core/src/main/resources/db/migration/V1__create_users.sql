-- People who post cruds. Rows arrive from the Cognito Post Confirmation trigger (or the
-- development identity provider); the two seed users have no Cognito identity.
CREATE TABLE users (
    uuid            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    display_name    text        NOT NULL,
    handle          text        NOT NULL,
    email           text        NOT NULL,
    cognito_user_id text,
    created_at      timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT users_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 100),
    CONSTRAINT users_handle_format       CHECK (handle ~ '^[A-Za-z0-9_]{1,30}$'),
    CONSTRAINT users_email_length        CHECK (char_length(email) BETWEEN 3 AND 254),
    CONSTRAINT users_cognito_user_id_key UNIQUE (cognito_user_id)
);

-- "AndrewBrown" and "andrewbrown" are the same person: handles are unique ignoring case,
-- and every lookup by handle goes through lower(handle).
CREATE UNIQUE INDEX users_handle_lower_key ON users (lower(handle));
