-- A new, unconfirmed account. The conflict target is the case-insensitive email index, so two
-- sign-ups racing for one address leave one account and the loser sees 0 rows.
INSERT INTO local_identity_accounts (sub, email, name, preferred_username, password_hash,
                                     confirmation_code_hash, confirmation_code_expires)
VALUES (:sub, :email, :name, :preferredUsername, :passwordHash, :confirmationCodeHash, :confirmationCodeExpires)
ON CONFLICT ((lower(email))) DO NOTHING
