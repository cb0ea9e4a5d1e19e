-- Accounts of the development identity provider (the server's stand-in for a Cognito user
-- pool, used when no pool is configured). In Cognito mode Cognito keeps the accounts and
-- these tables stay empty. They hold sign-in data only: the profile people see lives in
-- users, written by the same registration code as the Cognito Post Confirmation trigger.
CREATE TABLE local_identity_accounts (
    -- Cognito's "sub": the users.cognito_user_id of this person once they are confirmed.
    sub                        uuid        PRIMARY KEY,
    -- The Cognito Username: in Cruddur's pool people sign in with their email.
    email                      text        NOT NULL,
    name                       text,
    preferred_username         text,
    -- A BCrypt hash; the password itself is never stored.
    password_hash              text        NOT NULL,
    confirmed                  boolean     NOT NULL DEFAULT false,
    -- One-time codes, stored as hashes; a code is cleared when it is used.
    confirmation_code_hash     text,
    confirmation_code_expires  timestamptz,
    reset_code_hash            text,
    reset_code_expires         timestamptz,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT local_identity_accounts_email_length CHECK (char_length(email) BETWEEN 3 AND 254),
    CONSTRAINT local_identity_accounts_confirmation_code_pair CHECK (
        (confirmation_code_hash IS NULL) = (confirmation_code_expires IS NULL)),
    CONSTRAINT local_identity_accounts_reset_code_pair CHECK (
        (reset_code_hash IS NULL) = (reset_code_expires IS NULL)),
    -- A reset code is only ever sent to a confirmed address.
    CONSTRAINT local_identity_accounts_reset_needs_confirmation CHECK (
        reset_code_hash IS NULL OR confirmed)
);

-- Usernames (emails) are case-insensitive, as in a Cognito pool that signs in with email.
CREATE UNIQUE INDEX local_identity_accounts_email_lower_key ON local_identity_accounts (lower(email));

-- Refresh tokens are opaque random strings; only their SHA-256 is kept. Each remembers the
-- sign-in it came from (auth_time, origin_jti), which the access tokens it refreshes repeat.
CREATE TABLE local_identity_refresh_tokens (
    token_hash  text        PRIMARY KEY,
    sub         uuid        NOT NULL REFERENCES local_identity_accounts (sub) ON DELETE CASCADE,
    origin_jti  uuid        NOT NULL,
    auth_time   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT local_identity_refresh_tokens_expiry CHECK (expires_at > auth_time)
);

CREATE INDEX local_identity_refresh_tokens_sub_idx ON local_identity_refresh_tokens (sub);

COMMENT ON TABLE local_identity_accounts IS
    'Used only by the development identity provider (no Cognito pool configured); empty in Cognito mode.';
COMMENT ON TABLE local_identity_refresh_tokens IS
    'Used only by the development identity provider (no Cognito pool configured); empty in Cognito mode.';
