-- Whether a sign-up still waiting for confirmation holds this handle (ignoring case). Pre Sign-up
-- sees only confirmed people (rows in users), so without this two pending sign-ups could choose
-- the same handle and the second to confirm would fail. A pending sign-up holds its handle for
-- the lifetime of its first code (:holdSeconds from the sign-up), and only while its latest code
-- is valid: a resent code does not prolong the hold, and codes expired by wrong guesses end it.
SELECT EXISTS (
    SELECT 1
    FROM local_identity_accounts
    WHERE NOT confirmed
      AND lower(preferred_username) = lower(:handle)
      AND confirmation_code_expires > now()
      AND created_at > now() - make_interval(secs => :holdSeconds)
)
