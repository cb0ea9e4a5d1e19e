-- A new code replaces the old one: only the latest code sent works.
UPDATE local_identity_accounts
SET reset_code_hash = :resetCodeHash,
    reset_code_expires = :resetCodeExpires,
    updated_at = now()
WHERE sub = :sub
