-- A sign-in is active while its refresh token is not revoked (whether or not it has expired:
-- the access tokens it minted last an hour beyond). No row at all counts as ended.
SELECT EXISTS (
    SELECT 1
    FROM local_identity_refresh_tokens
    WHERE origin_jti = :originJti
      AND revoked_at IS NULL
)
