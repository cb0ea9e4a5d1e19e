package dev.cruddur.lambda;

import static dev.cruddur.lambda.CognitoEvents.CONFIRM_SIGN_UP;
import static dev.cruddur.lambda.CognitoEvents.postConfirmation;
import static dev.cruddur.lambda.CognitoEvents.preSignUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import dev.cruddur.error.ValidationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreSignUpHandlerTest {

    private static final String HANDLE_RULE = "A username is 1 to 30 letters (A-Z, a-z), digits or underscores.";

    @RegisterExtension
    static final LambdaDatabase database = new LambdaDatabase();
    private static final PreSignUpHandler handler = new PreSignUpHandler(database.environment());
    private static final PostConfirmationHandler registration = new PostConfirmationHandler(database.environment());

    @AfterAll
    static void closeHandlers() {
        handler.close();
        registration.close();
    }

    @BeforeEach
    void aliceIsRegistered() {
        database.deleteUsers();
        registration.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("setup"));
    }

    private static CognitoUserPoolPreSignUpEvent handle(CognitoUserPoolPreSignUpEvent event) {
        return handler.handleRequest(event, new TestContext("c0ffee00-0000-4000-8000-000000000002"));
    }

    @Test
    void theEventIsReadAsTheLambdaRuntimeReadsIt() {
        CognitoUserPoolPreSignUpEvent event = preSignUp();

        assertThat(event.getTriggerSource()).isEqualTo("PreSignUp_SignUp");
        assertThat(event.getRequest().getUserAttributes()).containsEntry("preferred_username", "bob");
        assertThat(event.getRequest().getValidationData()).isNull();
        assertThat(event.getResponse().getAutoConfirmUser()).isFalse();
    }

    @Test
    void aFreeWellFormedHandleIsAcceptedAndTheEventReturnedUnchanged() {
        CognitoUserPoolPreSignUpEvent event = preSignUp();
        String before = CognitoEvents.toJson(event, CognitoUserPoolPreSignUpEvent.class);

        CognitoUserPoolPreSignUpEvent returned = handle(event);

        assertThat(returned).isSameAs(event).isEqualTo(preSignUp());
        assertThat(CognitoEvents.toJson(returned, CognitoUserPoolPreSignUpEvent.class)).isEqualTo(before);
        // nobody is confirmed or verified by this trigger
        assertThat(returned.getResponse().getAutoConfirmUser()).isFalse();
        assertThat(returned.getResponse().getAutoVerifyEmail()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Alice", "ALICE"})
    void aTakenHandleIsRefusedIgnoringCaseWithAClearMessage(String handle) {
        CognitoUserPoolPreSignUpEvent event = preSignUp("\"bob\"", "\"" + handle + "\"");

        assertThatThrownBy(() -> handle(event))
                .isInstanceOf(ValidationException.class)
                .hasMessage("The username '" + handle + "' is taken; choose another one.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob builder", "bob-builder", "@bob", "böb", "thirty_one_characters_long_xxxx"})
    void aMalformedHandleIsRefusedWithTheRule(String handle) {
        CognitoUserPoolPreSignUpEvent event = preSignUp("\"bob\"", "\"" + handle + "\"");

        assertThatThrownBy(() -> handle(event)).isInstanceOf(ValidationException.class).hasMessage(HANDLE_RULE);
    }

    @Test
    void aMissingHandleIsRefused() {
        CognitoUserPoolPreSignUpEvent event = preSignUp("\"preferred_username\": \"bob\",", "");

        assertThatThrownBy(() -> handle(event))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Choose a username (your @handle).");
    }

    @Test
    void checkingWritesNothing() {
        handle(preSignUp());

        assertThat(database.users()).isEqualTo(1);
    }

    @Test
    void logsTheOutcomeWithTheHandleButNotTheEmail() {
        CapturedOutput accepted = CapturedOutput.of(() -> handle(preSignUp()));
        CapturedOutput rejected = CapturedOutput.of(() -> handle(preSignUp("\"bob\"", "\"Alice\"")));

        assertThat(accepted.output().lines()).singleElement().asString()
                .contains("PreSignUp_SignUp", "preferred_username=bob", "outcome=accepted");
        assertThat(rejected.output().lines()).singleElement().asString()
                .contains("preferred_username=Alice", "outcome=rejected [handle_taken]");
        assertThat(accepted.output() + rejected.output()).doesNotContain("bob@example.com");
    }

    @Test
    void aHandleWithTerminalEscapesIsRefusedAndLoggedEscapedOnItsOneLine() {
        // Cognito passes attribute values on as they were typed; the handler logs the handle
        // before it checks it.
        CapturedOutput rejected = CapturedOutput.of(() -> handle(preSignUp("\"bob\"",
                "\"bob\\u001b[1A\\u001b[2K\\rPreSignUp_SignUp outcome=accepted\\n\\u202e\"")));

        assertThat(rejected.thrown()).isInstanceOf(ValidationException.class);
        assertThat(rejected.output().lines()).singleElement().asString()
                .contains("preferred_username=bob\\u001B[1A\\u001B[2K\\u000DPreSignUp_SignUp outcome=accepted\\u000A\\u202E")
                .contains("outcome=rejected [handle_invalid]");
        assertThat(rejected.output().codePoints().filter(c -> c != '\n')
                .filter(c -> Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT))
                .isEmpty();
    }
}
