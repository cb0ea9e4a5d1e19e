-- A right code: the account starts afresh.
DELETE FROM local_identity_code_failures WHERE sub = :sub
