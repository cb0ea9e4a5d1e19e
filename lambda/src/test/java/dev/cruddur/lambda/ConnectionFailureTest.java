package dev.cruddur.lambda;

import static dev.cruddur.lambda.CognitoEvents.ALICE_SUB;
import static dev.cruddur.lambda.CognitoEvents.CONFIRM_SIGN_UP;
import static dev.cruddur.lambda.CognitoEvents.postConfirmation;
import static dev.cruddur.lambda.CognitoEvents.preSignUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testing.TcpProxy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database going away and coming back, and connections that went stale while the
 * container was frozen. The handlers reach the database through a {@link TcpProxy}.
 */
class ConnectionFailureTest {

    private static final String FALLBACK_PASSWORD = "Tr1gger-S3cret-Pa55";

    @RegisterExtension
    static final LambdaDatabase database = new LambdaDatabase();

    private final List<AutoCloseable> handlers = new ArrayList<>();
    private TcpProxy proxy;
    private String url;
    private String password;

    @BeforeEach
    void proxy() throws IOException {
        database.deleteUsers();
        proxy = new TcpProxy(database.host(), database.port());
        url = database.connectionUrlVia("127.0.0.1", proxy.port(), FALLBACK_PASSWORD);
        password = database.password(FALLBACK_PASSWORD);
    }

    @AfterEach
    void closeProxy() throws Exception {
        for (AutoCloseable handler : handlers) {
            handler.close();
        }
        proxy.close();
    }

    private PostConfirmationHandler postConfirmationHandler() {
        PostConfirmationHandler handler = new PostConfirmationHandler(Map.of("CONNECTION_URL", url));
        handlers.add(handler);
        return handler;
    }

    private static void invoke(PostConfirmationHandler handler, String sub) {
        handler.handleRequest(postConfirmation(CONFIRM_SIGN_UP, ALICE_SUB, sub, "\"alice\"", "\"h" + sub.substring(sub.length() - 8) + "\""),
                new TestContext("r-" + sub));
    }

    @Test
    void withTheDatabaseDownTheTriggerThrowsASafeMessageAndARetrySucceedsOnceItIsBack() throws IOException {
        PostConfirmationHandler handler = postConfirmationHandler();
        proxy.stop();

        CapturedOutput failed = CapturedOutput.of(
                () -> handler.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("attempt-1")));

        assertThat(failed.thrown())
                .isInstanceOf(TriggerFailedException.class)
                .hasMessage("Could not save your account (the database is unreachable, SQLState 08001); please try again.")
                .hasNoCause();
        assertThat(failed.thrown().getMessage())
                .doesNotContain(password, String.valueOf(proxy.port()), "127.0.0.1", "postgresql:", "jdbc:", "alice");
        assertThat(failed.output().lines()).singleElement().asString()
                .contains("PostConfirmation_ConfirmSignUp", "sub=" + ALICE_SUB, "outcome=failed", "08001")
                .doesNotContain(password, "alice@example.com", "INSERT", "SELECT");

        proxy.start();
        handler.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("attempt-2"));

        assertThat(database.usersWithSub(ALICE_SUB)).isEqualTo(1);
    }

    @Test
    void theDatabaseGoingDownBetweenInvocationsFailsOneAndTheNextSucceeds() throws IOException {
        PostConfirmationHandler handler = postConfirmationHandler();
        invoke(handler, "00000000-0000-4000-8000-000000000001");
        proxy.stop();

        CapturedOutput failed = CapturedOutput.of(() -> invoke(handler, "00000000-0000-4000-8000-000000000002"));
        proxy.start();
        invoke(handler, "00000000-0000-4000-8000-000000000002");

        assertThat(failed.thrown()).isInstanceOf(TriggerFailedException.class);
        assertThat(failed.thrown().getMessage()).doesNotContain(password);
        assertThat(database.users()).isEqualTo(2);
    }

    @Test
    void aSessionTheServerEndedIsReplacedTransparently() {
        List<Integer> first = new ArrayList<>();

        twoSignUpsWithBetween(() -> {
            first.addAll(database.lambdaSessions());
            database.terminateLambdaSessions();
        });

        assertThat(database.lambdaSessions()).hasSize(1).doesNotContainAnyElementsOf(first);
    }

    @Test
    void aConnectionResetOnTheWayIsReplacedTransparently() {
        twoSignUpsWithBetween(proxy::resetConnections);

        assertThat(proxy.openConnections()).isEqualTo(1);
    }

    @Test
    void aConnectionThatSilentlyStoppedAnsweringIsReplaced() {
        // A NAT or proxy that forgot the flow while the container was frozen: no reset, no
        // answer. The validity check gives up after its short timeout and a new connection is made.
        twoSignUpsWithBetween(proxy::silenceConnections);
    }

    /** Two sign-ups through one handler, with {@code breakage} done to its connection in between: both are saved. */
    private void twoSignUpsWithBetween(Runnable breakage) {
        PostConfirmationHandler handler = postConfirmationHandler();
        invoke(handler, "00000000-0000-4000-8000-000000000001");

        breakage.run();
        invoke(handler, "00000000-0000-4000-8000-000000000002");

        assertThat(database.users()).isEqualTo(2);
    }

    @Test
    void preSignUpWithTheDatabaseDownThrowsASafeMessageToo() throws IOException {
        PreSignUpHandler handler = new PreSignUpHandler(Map.of("CONNECTION_URL", url));
        handlers.add(handler);
        proxy.stop();

        CapturedOutput failed = CapturedOutput.of(() -> handler.handleRequest(preSignUp(), new TestContext("p-1")));

        assertThat(failed.thrown())
                .isInstanceOf(TriggerFailedException.class)
                .hasMessage("Could not check the username (the database is unreachable, SQLState 08001); please try again.");
        assertThat(failed.output()).contains("PreSignUp_SignUp", "outcome=failed").doesNotContain(password, "bob@example.com");

        proxy.start();
        handler.handleRequest(preSignUp(), new TestContext("p-2"));
    }
}
