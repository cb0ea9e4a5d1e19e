-- Too many wrong codes: the codes sent so far expire now, so even the right one is answered
-- "please request a code again" from here on (a pending sign-up also stops holding its handle).
UPDATE local_identity_accounts
SET confirmation_code_expires = CASE WHEN confirmation_code_hash IS NULL THEN NULL
                                     ELSE least(confirmation_code_expires, now()) END,
    reset_code_expires = CASE WHEN reset_code_hash IS NULL THEN NULL
                              ELSE least(reset_code_expires, now()) END,
    updated_at = now()
WHERE sub = :sub
