-- The development identity provider's three migrations were once core's versions 3 to 5. They
-- are its own now (their own location and history table, local_cognito_schema_history), so
-- core's history lets go of them: its remaining versions then match its migrations again. The
-- tables themselves stay; the provider takes them over if it runs on this database.
DO $$
BEGIN
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        DELETE FROM flyway_schema_history
        WHERE script IN ('V3__create_local_identity_accounts.sql',
                         'V4__local_identity_attempt_counters.sql',
                         'V5__local_identity_token_revocation.sql');
    END IF;
END
$$;
