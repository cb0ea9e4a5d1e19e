-- Whether a sign-up still waiting for confirmation holds this handle (ignoring case). Pre Sign-up
-- sees only confirmed people (rows in users), so without this two pending sign-ups could choose
-- the same handle and the second to confirm would fail; a pending sign-up keeps its handle until
-- its confirmation code expires.
SELECT EXISTS (
    SELECT 1
    FROM local_identity_accounts
    WHERE NOT confirmed
      AND lower(preferred_username) = lower(:handle)
      AND confirmation_code_expires > now()
)
