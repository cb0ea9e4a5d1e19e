-- Ending sign-ins in the development identity provider: RevokeToken (one sign-in),
-- GlobalSignOut and a confirmed password reset (every sign-in of one account), and a new
-- signing key (every sign-in). A refresh token is never deleted when it is revoked: its row
-- also says whether the access tokens of its sign-in (same origin_jti) are still accepted.
ALTER TABLE local_identity_refresh_tokens
    -- The kid of the signing key in use when the token was issued; only tokens of the current
    -- key are honoured. Null only for rows from before this migration, until the next start.
    ADD COLUMN key_id         text,
    ADD COLUMN revoked_at     timestamptz,
    ADD COLUMN revoked_because text,
    ADD CONSTRAINT local_identity_refresh_tokens_revocation_pair CHECK (
        (revoked_at IS NULL) = (revoked_because IS NULL)),
    ADD CONSTRAINT local_identity_refresh_tokens_revoked_because CHECK (
        revoked_because IN ('REVOKE_TOKEN', 'GLOBAL_SIGN_OUT', 'PASSWORD_RESET', 'KEY_ROTATION'));

-- One refresh token per sign-in, and the API looks a sign-in up by it on every signed-in request.
CREATE UNIQUE INDEX local_identity_refresh_tokens_origin_jti_key ON local_identity_refresh_tokens (origin_jti);
