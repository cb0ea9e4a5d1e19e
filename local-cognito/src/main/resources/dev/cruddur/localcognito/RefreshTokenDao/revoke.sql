-- Revoking twice keeps the first time and reason.
UPDATE local_identity_refresh_tokens
SET revoked_at = now(),
    revoked_because = :because
WHERE token_hash = :tokenHash
  AND revoked_at IS NULL
