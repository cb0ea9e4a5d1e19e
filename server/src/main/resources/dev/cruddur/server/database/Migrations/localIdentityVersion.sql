-- How far the development identity provider's tables already are on a database that has them
-- without their own history (made when they were core's migrations): the version of
-- the provider's migrations that each table or column was added in, 0 for none.
SELECT CASE
    WHEN EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = 'local_identity_refresh_tokens'
                   AND column_name = 'origin_jti') THEN 3
    WHEN to_regclass('local_identity_code_failures') IS NOT NULL THEN 2
    WHEN to_regclass('local_identity_accounts') IS NOT NULL THEN 1
    ELSE 0
END
