UPDATE local_identity_refresh_tokens
SET revoked_at = now(),
    revoked_because = :because
WHERE revoked_at IS NULL
