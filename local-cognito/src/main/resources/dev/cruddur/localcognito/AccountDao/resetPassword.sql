UPDATE local_identity_accounts
SET password_hash = :passwordHash,
    reset_code_hash = NULL,
    reset_code_expires = NULL,
    updated_at = now()
WHERE sub = :sub
