-- Where the development identity provider's schema history has to start, or NULL when it has
-- one already. A database made when the provider's tables were core's migrations has them
-- without a history: its history starts at the version of the provider's migrations that each
-- table or column came with (0: no tables yet, Flyway then makes them all).
SELECT CASE
    WHEN to_regclass('local_cognito_schema_history') IS NOT NULL THEN NULL
    WHEN EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = 'local_identity_refresh_tokens'
                   AND column_name = 'origin_jti') THEN 3
    WHEN to_regclass('local_identity_code_failures') IS NOT NULL THEN 2
    WHEN to_regclass('local_identity_accounts') IS NOT NULL THEN 1
    ELSE 0
END
