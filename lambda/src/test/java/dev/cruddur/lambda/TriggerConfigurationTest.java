package dev.cruddur.lambda;

import static dev.cruddur.lambda.CognitoEvents.ALICE_SUB;
import static dev.cruddur.lambda.CognitoEvents.CONFIRM_SIGN_UP;
import static dev.cruddur.lambda.CognitoEvents.postConfirmation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Where the handlers find the database: CONNECTION_URL (the seed's name) or DATABASE_URL. */
class TriggerConfigurationTest {

    @RegisterExtension
    static final LambdaDatabase database = new LambdaDatabase();

    @BeforeEach
    void noUsers() {
        database.deleteUsers();
    }

    @Test
    void databaseUrlWorksAsWellAsConnectionUrl() {
        try (PostConfirmationHandler handler = new PostConfirmationHandler(Map.of("DATABASE_URL", database.connectionUrl()))) {
            handler.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("r"));
        }

        assertThat(database.usersWithSub(ALICE_SUB)).isEqualTo(1);
    }

    @Test
    void aJdbcUrlWorksToo() {
        String jdbc = database.url().jdbcUrl() + (database.url().user() == null ? "" : "?user=" + database.url().user())
                + (database.url().password() == null ? "" : "&password=" + database.url().password());

        try (PostConfirmationHandler handler = new PostConfirmationHandler(Map.of("CONNECTION_URL", jdbc))) {
            handler.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("r"));
        }

        assertThat(database.usersWithSub(ALICE_SUB)).isEqualTo(1);
    }

    @Test
    void withBothSetDatabaseUrlWins() {
        // CONNECTION_URL points at a port nothing listens on: using it would fail.
        try (PostConfirmationHandler handler = new PostConfirmationHandler(Map.of(
                "DATABASE_URL", database.connectionUrl(),
                "CONNECTION_URL", "postgresql://postgres@127.0.0.1:1/nowhere"))) {
            handler.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("r"));
        }

        assertThat(database.usersWithSub(ALICE_SUB)).isEqualTo(1);
    }

    @Test
    void aRoleThatMayOnlyReadAndInsertUsersIsEnough() {
        // What docs/lambda.md suggests for the function's own database role.
        String role = "cruddur_lambda_test_" + ProcessHandle.current().pid();
        String rolePassword = "Lambda-R0le-Pa55";
        database.jdbi().useHandle(h -> {
            h.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + rolePassword + "'");
            h.execute("GRANT USAGE ON SCHEMA public TO " + role);
            h.execute("GRANT SELECT, INSERT ON users TO " + role);
        });
        try {
            String url = database.connectionUrlAs(role, rolePassword);
            try (PostConfirmationHandler postConfirmation = new PostConfirmationHandler(Map.of("CONNECTION_URL", url));
                 PreSignUpHandler preSignUp = new PreSignUpHandler(Map.of("CONNECTION_URL", url))) {
                preSignUp.handleRequest(CognitoEvents.preSignUp(), new TestContext("r1"));
                postConfirmation.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("r2"));
                postConfirmation.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("r3"));
                postConfirmation.handleRequest(postConfirmation(CognitoEvents.CONFIRM_FORGOT_PASSWORD), new TestContext("r4"));
            }
            assertThat(database.usersWithSub(ALICE_SUB)).isEqualTo(1);
        } finally {
            database.jdbi().useHandle(h -> {
                h.execute("DROP OWNED BY " + role);
                h.execute("DROP ROLE " + role);
            });
        }
    }

    @Test
    void aDatabaseWithoutTheSchemaFailsWithItsSqlState() {
        // Migrations are the server's job; a trigger pointed at an unmigrated database says so.
        try (TestDatabase unmigrated = TestDatabase.empty();
             PostConfirmationHandler handler = new PostConfirmationHandler(
                     Map.of("CONNECTION_URL", new LambdaDatabase(unmigrated).connectionUrl()))) {
            assertThatThrownBy(() -> handler.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("r")))
                    .isInstanceOf(TriggerFailedException.class)
                    .hasMessage("Could not save your account (database error, SQLState 42P01); please try again.");
        }
    }

    @Test
    void withoutADatabaseTheFunctionFailsAtInitAndSaysWhatToSet() {
        assertThatThrownBy(() -> new PostConfirmationHandler(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONNECTION_URL")
                .hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> new PreSignUpHandler(Map.of("CONNECTION_URL", " ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONNECTION_URL");
    }

    @Test
    void anUnusableUrlIsNamedWithoutRepeatingIt() {
        assertThatThrownBy(() -> new PostConfirmationHandler(Map.of("CONNECTION_URL", "mysql://admin:hunter2@db:3306/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CONNECTION_URL is not usable")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void constructingAHandlerConnectsToNothing() {
        // Init must not depend on the database: the connection is opened by the first invocation.
        String nowhere = "postgresql://postgres@127.0.0.1:1/nowhere";
        new PostConfirmationHandler(Map.of("CONNECTION_URL", nowhere)).close();
        new PreSignUpHandler(Map.of("CONNECTION_URL", nowhere)).close();
    }
}
