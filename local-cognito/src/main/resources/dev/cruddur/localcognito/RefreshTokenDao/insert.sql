INSERT INTO local_identity_refresh_tokens (token_hash, sub, origin_jti, auth_time, expires_at, key_id)
VALUES (:tokenHash, :sub, :originJti, :authTime, :expiresAt, :keyId)
