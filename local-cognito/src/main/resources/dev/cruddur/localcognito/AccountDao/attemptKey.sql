-- Whom tries for this email are counted against: the account that has it, found exactly as the
-- look-ups find it (lower() on both sides), or else the email as this database's lower() folds
-- it. Every spelling that reaches one account so shares one count, whatever lower() folds.
SELECT coalesce('account:' || (SELECT sub::text FROM local_identity_accounts WHERE lower(email) = lower(:email)),
                'email:' || lower(:email))
