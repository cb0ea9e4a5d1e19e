-- Counts of the development identity provider (see V3) that must outlive a restart of the
-- server and cannot be pushed out of a table by trying other emails: wrong one-time codes, per
-- account. The provider's other throttles stay in memory (docs/identity.md, Throttling).
CREATE TABLE local_identity_code_failures (
    -- One count per account, for its confirmation and password-reset codes together; it goes
    -- with the account.
    sub           uuid        PRIMARY KEY REFERENCES local_identity_accounts (sub) ON DELETE CASCADE,
    -- Wrong (or expired) codes tried since window_start; a right code deletes the row.
    failures      integer     NOT NULL,
    -- The counting window (15 minutes) runs from the first wrong code after the last window ended.
    window_start  timestamptz NOT NULL,

    CONSTRAINT local_identity_code_failures_positive CHECK (failures > 0)
);

-- Sign-ups nobody confirmed are deleted once their code has expired and their day is over:
-- this index finds them without reading the confirmed accounts.
CREATE INDEX local_identity_accounts_unconfirmed_created_idx
    ON local_identity_accounts (created_at) WHERE NOT confirmed;

COMMENT ON TABLE local_identity_code_failures IS
    'Used only by the development identity provider (no Cognito pool configured); empty in Cognito mode.';
