package dev.cruddur.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.localcognito.PasswordHasher;
import dev.cruddur.server.TestServer;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development identity provider's tables belong to it: its own migrations and history, on
 * a database it runs on only. A database made when they were core's migrations keeps working,
 * its accounts included.
 */
class LocalIdentitySchemaTest {

    private static final List<String> OLD_CORE_SCRIPTS = List.of("V3__create_local_identity_accounts.sql",
            "V4__local_identity_attempt_counters.sql", "V5__local_identity_token_revocation.sql");

    @TempDir
    Path dataDirectory;

    @Test
    void aCognitoDeploymentsDatabaseHasNoTraceOfIt() {
        try (FakeCognitoPool issuer = FakeCognitoPool.start();
             TestServer server = TestServer.trusting(issuer).start()) {
            Jdbi jdbi = server.database().jdbi();
            assertThat(tables(jdbi, "local\\_%")).isEmpty();
            assertThat(tables(jdbi, "%history")).containsExactly("flyway_schema_history");
        }
    }

    @Test
    void inLocalModeItsTablesHaveTheirOwnHistory() {
        try (TestServer server = TestServer.withLocalIdentity(dataDirectory).start()) {
            Jdbi jdbi = server.database().jdbi();
            assertThat(tables(jdbi, "local\\_identity\\_%")).containsExactly("local_identity_accounts",
                    "local_identity_code_failures", "local_identity_refresh_tokens");
            String versions = jdbi.withHandle(h -> h.createQuery(
                    "SELECT string_agg(version, ',' ORDER BY installed_rank) FROM local_cognito_schema_history WHERE success")
                    .mapTo(String.class).one());
            assertThat(versions).isEqualTo("0,1,2,3");
            assertThat(coreHistoryScripts(jdbi)).doesNotContainAnyElementsOf(OLD_CORE_SCRIPTS);
        }
    }

    @Test
    void aDatabaseMadeWhenTheyWereCoresMigrationsKeepsItsAccounts() throws Exception {
        try (TestDatabase database = TestDatabase.empty()) {
            madeByAnEarlierRelease(database);
            assertThat(coreHistoryScripts(database.jdbi())).containsAll(OLD_CORE_SCRIPTS);
            UUID sub = UUID.randomUUID();
            database.jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO local_identity_accounts (sub, email, name, preferred_username, password_hash, confirmed)
                            VALUES (:sub, 'early@example.com', 'Early Bird', 'early_bird', :hash, true)""")
                    .bind("sub", sub).bind("hash", new PasswordHasher().hash(LocalCognitoSdk.PASSWORD)).execute());

            try (TestServer server = TestServer.withLocalIdentity(dataDirectory).onDatabase(database.url()).start();
                 LocalCognitoSdk cognito = new LocalCognitoSdk(server.port())) {
                String token = cognito.signIn("early@example.com", LocalCognitoSdk.PASSWORD).accessToken();
                assertThat(server.client().get("/api/activities/home", token).status()).isEqualTo(200);
            }

            assertThat(coreHistoryScripts(database.jdbi())).doesNotContainAnyElementsOf(OLD_CORE_SCRIPTS);
            List<String> versions = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT version FROM local_cognito_schema_history ORDER BY installed_rank").mapTo(String.class).list());
            assertThat(versions).containsExactly("3");
            // and core's history validates against core's migrations
            Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load().validate();
        }
    }

    /**
     * The schema and history an earlier release left: core's versions 1 and 2, the provider's
     * tables as core's versions 3 to 5, then core's 6 to 8.
     */
    private static void madeByAnEarlierRelease(TestDatabase database) {
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").target("2").load().migrate();
        for (int version = 1; version <= 3; version++) {
            String script = OLD_CORE_SCRIPTS.get(version - 1);
            String sql = resource("db/local-cognito/V" + version + "__" + script.substring(script.indexOf("__") + 2));
            int oldVersion = version + 2;
            database.jdbi().useHandle(h -> {
                h.createScript(sql).execute();
                h.createUpdate("""
                                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                                   installed_by, execution_time, success)
                                VALUES (:version, :versionText, :description, 'SQL', :script, 0, current_user, 1, true)""")
                        .bind("version", oldVersion).bind("versionText", String.valueOf(oldVersion))
                        .bind("description", script.substring(script.indexOf("__") + 2, script.length() - 4).replace('_', ' '))
                        .bind("script", script).execute();
            });
        }
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration")
                .ignoreMigrationPatterns("*:missing").load().migrate();
    }

    private static List<String> tables(Jdbi jdbi, String like) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = 'public' AND table_name LIKE :like ORDER BY table_name""")
                .bind("like", like).mapTo(String.class).list());
    }

    private static List<String> coreHistoryScripts(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT script FROM flyway_schema_history ORDER BY installed_rank")
                .mapTo(String.class).list());
    }

    private static String resource(String path) {
        try (var in = LocalIdentitySchemaTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
