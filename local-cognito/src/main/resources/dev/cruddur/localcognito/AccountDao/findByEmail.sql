SELECT sub, email, name, preferred_username, password_hash, confirmed,
       confirmation_code_hash, confirmation_code_expires, reset_code_hash, reset_code_expires
FROM local_identity_accounts
WHERE lower(email) = lower(:email)
