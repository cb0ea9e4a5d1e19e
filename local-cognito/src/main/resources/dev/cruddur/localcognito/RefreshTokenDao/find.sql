SELECT token_hash, sub, origin_jti, auth_time, expires_at, key_id, revoked_at
FROM local_identity_refresh_tokens
WHERE token_hash = :tokenHash
