-- Rows from before key ids were kept were issued under the key the server has just read: a new
-- key revokes every row before it is written, so no unbound row outlives the key it came from.
UPDATE local_identity_refresh_tokens
SET key_id = :keyId
WHERE key_id IS NULL
