-- The email as this database's lower() folds it, as every look-up of an account compares it.
SELECT 'email:' || lower(:email)
