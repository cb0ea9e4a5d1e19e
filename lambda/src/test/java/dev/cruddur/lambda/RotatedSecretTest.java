package dev.cruddur.lambda;

import static dev.cruddur.lambda.CognitoEvents.CONFIRM_SIGN_UP;
import static dev.cruddur.lambda.CognitoEvents.postConfirmation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.testing.PasswordProtectedPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function's database password comes from a Secrets Manager secret that RDS rotates: it is
 * read (through a stand-in for the Parameters and Secrets extension) on the first invocation,
 * and read again when PostgreSQL refuses it, against a real PostgreSQL that checks passwords
 * (SCRAM) and whose role password is changed mid-test, as a rotation does.
 */
class RotatedSecretTest {

    private static final String ROLE = "cruddur_lambda";
    private static final String FIRST_PASSWORD = "First-Pa55/w0rd:@%";
    private static final String ROTATED_PASSWORD = "R0tated+Pa55?w0rd&Z";

    @TempDir
    static Path files;
    private static PasswordProtectedPostgres postgres;
    private static String currentPassword;

    private final SecretsExtensionStandIn extension = new SecretsExtensionStandIn();

    @BeforeAll
    static void database() {
        postgres = PasswordProtectedPostgres.start(files.resolve("postgres"), ROLE, FIRST_PASSWORD);
        postgres.migrate();
        currentPassword = FIRST_PASSWORD;
    }

    @AfterAll
    static void stopDatabase() {
        postgres.close();
    }

    @AfterEach
    void putThePasswordBack() throws SQLException {
        extension.close();
        if (!currentPassword.equals(FIRST_PASSWORD)) {
            rotateTo(FIRST_PASSWORD);
        }
        endFunctionSessions();
    }

    @Test
    void theFunctionReadsItsPasswordFromTheSecretAndKeepsWorkingAfterARotation() throws Exception {
        extension.holds(ROLE, FIRST_PASSWORD);
        Map<String, String> environment = extension.functionEnvironment(urlWithoutCredentials());
        assertThat(environment.values()).noneMatch(value -> value.contains(FIRST_PASSWORD));

        try (PostConfirmationHandler handler = new PostConfirmationHandler(environment)) {
            // the container's init reads nothing: the extension may not be ready yet, and init must not fail on it
            assertThat(extension.requests()).isEmpty();

            String alice = register(handler, "alice");
            assertThat(extension.requests()).hasSize(1);
            SecretsExtensionStandIn.Request read = extension.requests().get(0);
            assertThat(read.path()).isEqualTo("/secretsmanager/get");
            assertThat(read.secretId()).isEqualTo(SecretsExtensionStandIn.SECRET_ARN);
            assertThat(read.token()).isEqualTo(SecretsExtensionStandIn.SESSION_TOKEN);

            // RDS rotates the master password: the database first, then the secret
            rotateTo(ROTATED_PASSWORD);
            extension.holds(ROLE, ROTATED_PASSWORD);

            // the open session is not affected by the change, and needs no new read
            String bob = register(handler, "bob");
            assertThat(extension.requests()).hasSize(1);

            // the session ends (the container was frozen for hours, RDS restarted): the next log-in
            // with the old password is refused, the secret is read again, and the invocation succeeds
            endFunctionSessions();
            String carol = register(handler, "carol");
            assertThat(extension.requests()).hasSize(2);

            assertThat(registered(alice)).isTrue();
            assertThat(registered(bob)).isTrue();
            assertThat(registered(carol)).isTrue();
        }

        // a container started after the rotation reads the new password at once
        try (PreSignUpHandler preSignUp = new PreSignUpHandler(environment)) {
            preSignUp.handleRequest(CognitoEvents.preSignUp("\"bob\"", "\"grace\""), new TestContext("pre-sign-up"));
        }
        assertThat(extension.requests()).hasSize(3);
    }

    @Test
    void aPasswordTheSecretCannotFixFailsWithItsSqlStateAfterOneMoreRead() {
        extension.holds(ROLE, "not-the-password");

        try (PostConfirmationHandler handler = new PostConfirmationHandler(extension.functionEnvironment(urlWithoutCredentials()))) {
            CapturedOutput captured = CapturedOutput.of(() -> register(handler, "dave"));

            assertThat(captured.thrown()).isInstanceOf(TriggerFailedException.class)
                    .hasMessage("Could not save your account (database error, SQLState 28P01); please try again.");
            // the first read, and the one after the refusal: then it gives up, it does not loop
            assertThat(extension.requests()).hasSize(2);
            assertThat(captured.output()).contains("outcome=failed").doesNotContain("not-the-password");
        }
    }

    @Test
    void aSecretTheFunctionMayNotReadFailsSayingSoWithoutAnyDetailForTheApp() {
        extension.holds(ROLE, FIRST_PASSWORD);
        extension.failWith(400);

        try (PostConfirmationHandler handler = new PostConfirmationHandler(extension.functionEnvironment(urlWithoutCredentials()))) {
            CapturedOutput captured = CapturedOutput.of(() -> register(handler, "erin"));

            assertThat(captured.thrown()).isInstanceOf(TriggerFailedException.class)
                    .hasMessage("Could not save your account (the database credentials could not be read); please try again.");
            // the operator's log line says what the extension answered
            assertThat(captured.output()).contains("outcome=failed", "DatabaseSecretException(HTTP 400",
                    "AccessDeniedException");
        }
    }

    @Test
    void aSecretWithoutUsernameAndPasswordIsNamedButNeverQuoted() {
        extension.holdsRaw("just-a-bare-password-value");

        try (PostConfirmationHandler handler = new PostConfirmationHandler(extension.functionEnvironment(urlWithoutCredentials()))) {
            CapturedOutput captured = CapturedOutput.of(() -> register(handler, "frank"));

            assertThat(captured.thrown()).isInstanceOf(TriggerFailedException.class)
                    .hasMessage("Could not save your account (the database credentials could not be read); please try again.");
            assertThat(captured.output()).contains("not JSON with \"username\" and \"password\"")
                    .doesNotContain("just-a-bare-password-value");
        }
    }

    @Test
    void aSecretWithoutTheExtensionsTokenFailsAtInitNamingWhatIsMissing() {
        Map<String, String> environment = new HashMap<>(extension.functionEnvironment(urlWithoutCredentials()));
        environment.remove("AWS_SESSION_TOKEN");
        assertThatThrownBy(() -> new PostConfirmationHandler(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DATABASE_SECRET_ARN")
                .hasMessageContaining("AWS_SESSION_TOKEN");

        environment.put("AWS_SESSION_TOKEN", SecretsExtensionStandIn.SESSION_TOKEN);
        environment.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "port-2773");
        assertThatThrownBy(() -> new PreSignUpHandler(environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT");
    }

    // ---- helpers ----

    private static String register(PostConfirmationHandler handler, String handle) {
        String sub = UUID.randomUUID().toString();
        handler.handleRequest(postConfirmation(CONFIRM_SIGN_UP, CognitoEvents.ALICE_SUB, sub, "\"alice\"", "\"" + handle + "\""),
                new TestContext("r-" + handle));
        return sub;
    }

    /** The database's URL as lambda deploy puts it in the function's environment: no user, no password. */
    private static String urlWithoutCredentials() {
        return postgres.url("unused").replaceFirst("//[^@]+@", "//");
    }

    private static String jdbcUrl() {
        URI address = URI.create(urlWithoutCredentials());
        return "jdbc:postgresql://" + address.getHost() + ":" + address.getPort() + address.getPath();
    }

    /** What a rotation does in the database: the role gets a new password (a role may change its own). */
    private static void rotateTo(String newPassword) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), ROLE, currentPassword);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + ROLE + " PASSWORD '" + newPassword.replace("'", "''") + "'");
        }
        currentPassword = newPassword;
    }

    /** Ends the function's sessions from the server's side (a role may end its own). */
    private static void endFunctionSessions() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), ROLE, currentPassword);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            statement.setString(1, Triggers.APPLICATION_NAME);
            statement.executeQuery().close();
        }
    }

    private static boolean registered(String sub) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), ROLE, currentPassword);
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM users WHERE cognito_user_id = ?")) {
            statement.setString(1, sub);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }
}
