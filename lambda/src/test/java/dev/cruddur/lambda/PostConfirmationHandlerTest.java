package dev.cruddur.lambda;

import static dev.cruddur.lambda.CognitoEvents.ALICE_SUB;
import static dev.cruddur.lambda.CognitoEvents.CONFIRM_FORGOT_PASSWORD;
import static dev.cruddur.lambda.CognitoEvents.CONFIRM_SIGN_UP;
import static dev.cruddur.lambda.CognitoEvents.postConfirmation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.cruddur.error.ValidationException;
import dev.cruddur.user.User;
import dev.cruddur.user.Users;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostConfirmationHandlerTest {

    @RegisterExtension
    static final LambdaDatabase database = new LambdaDatabase();
    private static final PostConfirmationHandler handler = new PostConfirmationHandler(database.environment());

    @AfterAll
    static void closeHandler() {
        handler.close();
    }

    @BeforeEach
    void noUsers() {
        database.deleteUsers();
    }

    private static CognitoUserPoolPostConfirmationEvent handle(CognitoUserPoolPostConfirmationEvent event) {
        return handler.handleRequest(event, new TestContext("c0ffee00-0000-4000-8000-000000000001"));
    }

    @Test
    void theEventIsReadAsTheLambdaRuntimeReadsIt() {
        CognitoUserPoolPostConfirmationEvent event = postConfirmation(CONFIRM_SIGN_UP);

        assertThat(event.getTriggerSource()).isEqualTo("PostConfirmation_ConfirmSignUp");
        assertThat(event.getUserPoolId()).isEqualTo("us-east-1_Cr9dDuR7x");
        assertThat(event.getCallerContext().getClientId()).isEqualTo("5kq3r0ul2d5hdbh8v3ds1h0k1m");
        assertThat(event.getRequest().getUserAttributes())
                .containsEntry("sub", ALICE_SUB)
                .containsEntry("email_verified", "true")
                .containsEntry("cognito:user_status", "CONFIRMED");
    }

    @Test
    void theRuntimeReadsCognitoEventsWithPlainJacksonSoNoJodaTimeIsNeeded() {
        assertThat(LambdaEventSerializers.isLambdaSupportedEvent(CognitoUserPoolPostConfirmationEvent.class.getName())).isFalse();
        assertThat(LambdaEventSerializers.isLambdaSupportedEvent(CognitoUserPoolPreSignUpEvent.class.getName())).isFalse();
        assertThatThrownBy(() -> Class.forName("org.joda.time.DateTime")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void registersTheConfirmedPersonFromTheirCognitoAttributes() {
        CognitoUserPoolPostConfirmationEvent event = postConfirmation(CONFIRM_SIGN_UP);

        handle(event);

        User user = new Users(database.jdbi()).byCognitoUserId(ALICE_SUB).orElseThrow();
        assertThat(user).extracting(User::handle, User::displayName, User::email)
                .containsExactly("alice", "Alice Liddell", "alice@example.com");
    }

    @Test
    void returnsTheEventItGotUnchanged() {
        CognitoUserPoolPostConfirmationEvent event = postConfirmation(CONFIRM_SIGN_UP);
        String before = CognitoEvents.toJson(event, CognitoUserPoolPostConfirmationEvent.class);

        CognitoUserPoolPostConfirmationEvent returned = handle(event);

        assertThat(returned).isSameAs(event).isEqualTo(postConfirmation(CONFIRM_SIGN_UP));
        assertThat(CognitoEvents.toJson(returned, CognitoUserPoolPostConfirmationEvent.class)).isEqualTo(before);
    }

    @Test
    void theSameEventThreeTimesLeavesOneRow() {
        for (int i = 0; i < 3; i++) {
            handle(postConfirmation(CONFIRM_SIGN_UP));
        }

        assertThat(database.users()).isEqualTo(1);
        assertThat(database.usersWithSub(ALICE_SUB)).isEqualTo(1);
    }

    @Test
    void aPasswordResetCreatesTheRowIfAnEarlierTriggerLostIt() {
        handle(postConfirmation(CONFIRM_FORGOT_PASSWORD));

        assertThat(database.usersWithSub(ALICE_SUB)).isEqualTo(1);
        assertThat(new Users(database.jdbi()).byCognitoUserId(ALICE_SUB).orElseThrow().handle()).isEqualTo("alice");
    }

    @Test
    void aPasswordResetOfSomeoneRegisteredCreatesNoSecondRowAndChangesNothing() {
        handle(postConfirmation(CONFIRM_SIGN_UP));
        User before = new Users(database.jdbi()).byCognitoUserId(ALICE_SUB).orElseThrow();

        handle(postConfirmation(CONFIRM_FORGOT_PASSWORD));
        handle(postConfirmation(CONFIRM_FORGOT_PASSWORD, "\"Alice Liddell\"", "\"Alice L.\""));

        assertThat(database.users()).isEqualTo(1);
        assertThat(new Users(database.jdbi()).byCognitoUserId(ALICE_SUB)).contains(before);
    }

    @Test
    void aPasswordResetSucceedsEvenIfTheAttributesChangedToSomethingSignUpWouldRefuse() {
        // Cognito runs no Pre Sign-up when attributes are updated later.
        handle(postConfirmation(CONFIRM_SIGN_UP));

        handle(postConfirmation(CONFIRM_FORGOT_PASSWORD, "\"preferred_username\": \"alice\"",
                "\"preferred_username\": \"alice in wonderland\""));

        assertThat(new Users(database.jdbi()).byCognitoUserId(ALICE_SUB).orElseThrow().handle()).isEqualTo("alice");
    }

    @Test
    void aHandleTakenBySomeoneElseIsThrownWithAReadableMessage() {
        handle(postConfirmation(CONFIRM_SIGN_UP));
        CognitoUserPoolPostConfirmationEvent other = postConfirmation(CONFIRM_SIGN_UP,
                ALICE_SUB, "11111111-2222-4333-8444-555555555555", "\"alice\"", "\"ALICE\"");

        assertThatThrownBy(() -> handle(other))
                .isInstanceOf(ValidationException.class)
                .hasMessage("The username 'ALICE' is taken; choose another one.");
        assertThat(database.users()).isEqualTo(1);
    }

    @Test
    void logsOneLineWithTriggerSubAndOutcomeAndNoEmail() {
        CapturedOutput first = CapturedOutput.of(() -> handle(postConfirmation(CONFIRM_SIGN_UP)));
        CapturedOutput repeat = CapturedOutput.of(() -> handle(postConfirmation(CONFIRM_SIGN_UP)));
        CapturedOutput reset = CapturedOutput.of(() -> handle(postConfirmation(CONFIRM_FORGOT_PASSWORD)));

        assertThat(first.output().lines()).singleElement().asString()
                .contains("PostConfirmation_ConfirmSignUp", "sub=" + ALICE_SUB, "outcome=created",
                        "request=c0ffee00-0000-4000-8000-000000000001");
        assertThat(repeat.output().lines()).singleElement().asString().contains("outcome=already registered");
        assertThat(reset.output().lines()).singleElement().asString()
                .contains("PostConfirmation_ConfirmForgotPassword", "outcome=present");
        assertThat(first.output() + repeat.output() + reset.output()).doesNotContain("alice@example.com", "example.com");
    }

    @Test
    void opensItsConnectionOnFirstUseAndReusesIt() {
        try (PostConfirmationHandler fresh = new PostConfirmationHandler(database.environment())) {
            List<Integer> before = database.lambdaSessions();

            fresh.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("r1"));
            List<Integer> afterFirst = database.lambdaSessions();
            fresh.handleRequest(postConfirmation(CONFIRM_SIGN_UP), new TestContext("r2"));
            fresh.handleRequest(postConfirmation(CONFIRM_FORGOT_PASSWORD), new TestContext("r3"));

            assertThat(afterFirst).hasSize(before.size() + 1);
            assertThat(database.lambdaSessions()).isEqualTo(afterFirst);
        }
    }
}
