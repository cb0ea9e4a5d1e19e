-- A new code replaces the old one: only the latest code sent works.
UPDATE local_identity_accounts
SET confirmation_code_hash = :confirmationCodeHash,
    confirmation_code_expires = :confirmationCodeExpires,
    updated_at = now()
WHERE sub = :sub
