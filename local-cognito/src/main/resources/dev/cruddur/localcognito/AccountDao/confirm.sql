UPDATE local_identity_accounts
SET confirmed = true,
    confirmation_code_hash = NULL,
    confirmation_code_expires = NULL,
    updated_at = now()
WHERE sub = :sub
