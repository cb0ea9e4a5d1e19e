package dev.cruddur.server.identity;

import static dev.cruddur.testkit.account.AccountClient.otherThan;
import static dev.cruddur.server.identity.LocalCognitoSdk.CLIENT_ID;
import static dev.cruddur.server.identity.LocalCognitoSdk.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cruddur.localcognito.Throttles;
import dev.cruddur.server.SentCodes;
import dev.cruddur.server.ServerLog;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExpiredCodeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForgotPasswordResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The development identity provider end to end, through the real AWS SDK v2 Cognito client
 * over real HTTP, on a real database: sign-up, confirmation with the code from the server log,
 * sign-in, GetUser, refresh, password reset, and the errors Cognito gives on the way; then the
 * access token posts a crud as the new user.
 */
class LocalIdentityProviderTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    private static LocalCognitoSdk cognito;

    @BeforeAll
    static void start() {
        cognito = app.closeAfterAll(new LocalCognitoSdk(app.server().port()));
    }

    @Test
    void signUpConfirmSignInAndPostAsTheNewUser() throws Exception {
        String email = "alice.local@example.com";
        SignUpResponse signUp = cognito.signUp(email, PASSWORD, "Alice Local", "alice_local");
        assertThat(signUp.userConfirmed()).isFalse();
        String sub = signUp.userSub();
        assertThat(UUID.fromString(sub)).isNotNull();
        assertThat(signUp.codeDeliveryDetails().destination()).isEqualTo("a***@e***");
        assertThat(signUp.codeDeliveryDetails().deliveryMediumAsString()).isEqualTo("EMAIL");
        assertThat(signUp.codeDeliveryDetails().attributeName()).isEqualTo("email");

        assertCognitoError(() -> cognito.signIn(email, PASSWORD), UserNotConfirmedException.class, "User is not confirmed.");
        String code = SentCodes.confirmationCode(email);
        assertCognitoError(() -> cognito.confirm(email, otherThan(code)), CodeMismatchException.class,
                "Invalid verification code provided, please try again.");
        assertThat(usersWithSub(sub)).as("no user before confirmation").isZero();

        cognito.confirm(email, code);
        assertThat(usersWithSub(sub)).isEqualTo(1);
        assertCognitoError(() -> cognito.confirm(email, code), NotAuthorizedException.class,
                "User cannot be confirmed. Current status is CONFIRMED");

        AuthenticationResultType tokens = cognito.signIn(email, PASSWORD);
        assertThat(tokens.expiresIn()).isEqualTo(3600);
        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.refreshToken()).isNotBlank();

        SignedJWT access = SignedJWT.parse(tokens.accessToken());
        assertThat(access.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(access.getHeader().getKeyID()).isNotBlank();
        JWTClaimsSet accessClaims = access.getJWTClaimsSet();
        assertThat(accessClaims.getSubject()).isEqualTo(sub);
        assertThat(accessClaims.getIssuer()).isEqualTo("http://localhost:" + app.server().port() + "/local-cognito");
        assertThat(accessClaims.getStringClaim("client_id")).isEqualTo(CLIENT_ID);
        assertThat(accessClaims.getStringClaim("token_use")).isEqualTo("access");
        assertThat(accessClaims.getStringClaim("username")).isEqualTo(sub);
        assertThat(accessClaims.getStringClaim("scope")).isEqualTo("aws.cognito.signin.user.admin");
        assertThat(accessClaims.getClaims()).containsKeys("auth_time", "exp", "iat", "jti", "origin_jti");
        assertThat(accessClaims.getExpirationTime().getTime() - accessClaims.getIssueTime().getTime()).isEqualTo(3_600_000);

        JWTClaimsSet idClaims = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet();
        assertThat(idClaims.getAudience()).containsExactly(CLIENT_ID);
        assertThat(idClaims.getStringClaim("token_use")).isEqualTo("id");
        assertThat(idClaims.getStringClaim("email")).isEqualTo(email);
        assertThat(idClaims.getBooleanClaim("email_verified")).isTrue();
        assertThat(idClaims.getStringClaim("name")).isEqualTo("Alice Local");
        assertThat(idClaims.getStringClaim("preferred_username")).isEqualTo("alice_local");
        assertThat(idClaims.getStringClaim("cognito:username")).isEqualTo(sub);
        assertThat(idClaims.getClaims()).containsKeys("sub", "iss", "auth_time", "exp", "iat", "jti");

        GetUserResponse user = cognito.sdk.getUser(b -> b.accessToken(tokens.accessToken()));
        assertThat(user.username()).isEqualTo(sub);
        assertThat(attributes(user)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sub", sub, "email", email, "email_verified", "true", "name", "Alice Local",
                "preferred_username", "alice_local"));

        AuthenticationResultType refreshed = cognito.refresh(tokens.refreshToken());
        assertThat(refreshed.refreshToken()).as("no rotation, as in Cognito").isNull();
        assertThat(refreshed.accessToken()).isNotEqualTo(tokens.accessToken());
        JWTClaimsSet refreshedClaims = SignedJWT.parse(refreshed.accessToken()).getJWTClaimsSet();
        assertThat(refreshedClaims.getClaim("origin_jti")).isEqualTo(accessClaims.getClaim("origin_jti"));
        assertThat(refreshedClaims.getClaim("auth_time")).isEqualTo(accessClaims.getClaim("auth_time"));
        assertThat(cognito.sdk.getUser(b -> b.accessToken(refreshed.accessToken())).username()).isEqualTo(sub);

        Response posted = app.api().postJson("/api/activities", "{\"message\":\"Signed up locally\",\"ttl\":\"1-hour\"}",
                refreshed.accessToken());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().get("handle").asText()).isEqualTo("alice_local");
        assertThat(posted.json().get("display_name").asText()).isEqualTo("Alice Local");
        JsonNode home = app.api().get("/api/activities/home").json();
        assertThat(home.get(0).get("message").asText()).isEqualTo("Signed up locally");
        assertThat(home.get(0).get("handle").asText()).isEqualTo("alice_local");
    }

    @Test
    void aSignedInPersonWhoseRowWasDeletedIsRegisteredAgainFromGetUser() {
        String email = "phoenix@example.com";
        String sub = cognito.signUpAndConfirm(email, "Phoenix", "phoenix").userSub();
        String token = cognito.signIn(email, PASSWORD).accessToken();
        app.server().database().jdbi().useHandle(h -> h.createUpdate("DELETE FROM users WHERE cognito_user_id = :sub")
                .bind("sub", sub).execute());

        Response posted = app.api().postJson("/api/activities", "{\"message\":\"back again\",\"ttl\":\"1-hour\"}", token);

        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().get("handle").asText()).isEqualTo("phoenix");
        assertThat(posted.json().get("display_name").asText()).isEqualTo("Phoenix");
        assertThat(usersWithSub(sub)).isEqualTo(1);
    }

    @Test
    void forgotPasswordThenConfirmChangesThePasswordAndRegistersNoSecondUser() {
        String email = "forgetful@example.com";
        String sub = cognito.signUpAndConfirm(email, "Forgetful", "forgetful").userSub();
        ForgotPasswordResponse forgot = cognito.sdk.forgotPassword(b -> b.clientId(CLIENT_ID).username(email));
        assertThat(forgot.codeDeliveryDetails().destination()).isEqualTo("f***@e***");
        String code = SentCodes.passwordResetCode(email);
        String newPassword = "N3w+password";

        assertCognitoError(() -> confirmForgot(email, otherThan(code), newPassword), CodeMismatchException.class,
                "Invalid verification code provided, please try again.");
        assertCognitoError(() -> confirmForgot(email, code, "weakpassword"), InvalidPasswordException.class,
                "Password did not conform with policy: Password must have uppercase characters");
        confirmForgot(email, code);
        assertThat(usersWithSub(sub)).as("Post Confirmation ran again and found the row").isEqualTo(1);
        assertThat(countRows("SELECT count(*) FROM users WHERE email = '" + email + "'")).isEqualTo(1);

        assertCognitoError(() -> cognito.signIn(email, PASSWORD), NotAuthorizedException.class, "Incorrect username or password.");
        assertThat(cognito.signIn(email, newPassword).accessToken()).isNotBlank();
        assertCognitoError(() -> confirmForgot(email, code, "An0ther+password"), CodeMismatchException.class,
                "Invalid verification code provided, please try again.");
    }

    private static void confirmForgot(String email, String code) {
        confirmForgot(email, code, "N3w+password");
    }

    private static void confirmForgot(String email, String code, String password) {
        cognito.sdk.confirmForgotPassword(b -> b.clientId(CLIENT_ID).username(email).confirmationCode(code).password(password));
    }

    @Test
    void anEmailSignsUpOnceIgnoringCase() {
        cognito.signUp("twice@example.com", PASSWORD, "Twice", "twice");
        assertCognitoError(() -> cognito.signUp("twice@example.com", PASSWORD, "Twice", "twice_again"),
                UsernameExistsException.class, "An account with the given email already exists.");
        assertCognitoError(() -> cognito.signUp("TWICE@Example.com", PASSWORD, "Twice", "twice_again"),
                UsernameExistsException.class, "An account with the given email already exists.");
    }

    @Test
    void wrongPasswordsAndUnknownUsersGetTheSameAnswer() {
        cognito.signUpAndConfirm("careful@example.com", "Careful", "careful");
        assertCognitoError(() -> cognito.signIn("careful@example.com", "Wr0ng-password"), NotAuthorizedException.class,
                "Incorrect username or password.");
        assertCognitoError(() -> cognito.signIn("nobody@example.com", PASSWORD), NotAuthorizedException.class,
                "Incorrect username or password.");
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneIsRefusedForAWhile() {
        String email = "guessed@example.com";
        cognito.signUpAndConfirm(email, "Guessed", "guessed");
        for (int i = 0; i < Throttles.ATTEMPTS; i++) {
            assertCognitoError(() -> cognito.signIn(email, "Wr0ng-password"), NotAuthorizedException.class,
                    "Incorrect username or password.");
        }
        assertCognitoError(() -> cognito.signIn(email, PASSWORD), NotAuthorizedException.class,
                "Password attempts exceeded");
        assertCognitoError(() -> cognito.signIn(email.toUpperCase(), PASSWORD), NotAuthorizedException.class,
                "Password attempts exceeded");
    }

    @Test
    void twentyWrongPasswordsAtOnceGetFiveTriesNotTwenty() throws Exception {
        String email = "swarm@example.com";
        cognito.signUpAndConfirm(email, "Swarm", "swarm");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    try {
                        cognito.signIn(email, "Wr0ng-password");
                        return "signed in";
                    } catch (NotAuthorizedException e) {
                        return e.awsErrorDetails().errorMessage();
                    }
                }));
            }
            Map<String, Long> counts = new TreeMap<>();
            for (Future<String> answer : answers) {
                counts.merge(answer.get(), 1L, Long::sum);
            }
            assertThat(counts).isEqualTo(Map.of("Incorrect username or password.", (long) Throttles.ATTEMPTS,
                    "Password attempts exceeded", 20L - Throttles.ATTEMPTS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownEmailsAreThrottledExactlyLikeAccounts() {
        for (int i = 0; i < Throttles.ATTEMPTS; i++) {
            assertCognitoError(() -> cognito.signIn("ghost@example.com", PASSWORD), NotAuthorizedException.class,
                    "Incorrect username or password.");
        }
        assertCognitoError(() -> cognito.signIn("ghost@example.com", PASSWORD), NotAuthorizedException.class,
                "Password attempts exceeded");
    }

    @Test
    void aRightPasswordStartsTheCountAfresh() {
        String email = "clumsy@example.com";
        cognito.signUpAndConfirm(email, "Clumsy", "clumsy");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < Throttles.ATTEMPTS - 1; i++) {
                assertCognitoError(() -> cognito.signIn(email, "Wr0ng-password"), NotAuthorizedException.class,
                        "Incorrect username or password.");
            }
            assertThat(cognito.signIn(email, PASSWORD).accessToken()).isNotBlank();
        }
    }

    @Test
    void fiveWrongConfirmationCodesRefuseTheRightOneAndUseItUp() {
        String email = "codeguesser@example.com";
        cognito.signUp(email, PASSWORD, "Code Guesser", "codeguesser");
        String code = SentCodes.confirmationCode(email);
        for (int i = 0; i < Throttles.ATTEMPTS; i++) {
            assertCognitoError(() -> cognito.confirm(email, otherThan(code)), CodeMismatchException.class, null);
        }
        assertCognitoError(() -> cognito.confirm(email, code), LimitExceededException.class,
                "Attempt limit exceeded, please try after some time.");
        assertThat(countRows("SELECT count(*) FROM local_identity_accounts WHERE email = '" + email
                + "' AND confirmation_code_expires <= now() AND NOT confirmed"))
                .as("the code that was guessed at no longer works, even after the window").isEqualTo(1);
    }

    @Test
    void fiveWrongResetCodesRefuseTheRightOne() {
        String email = "resetguesser@example.com";
        cognito.signUpAndConfirm(email, "Reset Guesser", "resetguesser");
        cognito.sdk.forgotPassword(b -> b.clientId(CLIENT_ID).username(email));
        String code = SentCodes.passwordResetCode(email);
        for (int i = 0; i < Throttles.ATTEMPTS; i++) {
            assertCognitoError(() -> confirmForgot(email, otherThan(code)), CodeMismatchException.class, null);
        }
        assertCognitoError(() -> confirmForgot(email, code), LimitExceededException.class,
                "Attempt limit exceeded, please try after some time.");
        assertThat(cognito.signIn(email, PASSWORD).accessToken()).as("the password is unchanged").isNotBlank();
    }

    @Test
    void codesCanBeAskedForFiveTimesAWhile() {
        String email = "impatient@example.com";
        cognito.signUp(email, PASSWORD, "Impatient", "impatient");
        for (int i = 0; i < Throttles.ATTEMPTS; i++) {
            cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(email));
        }
        assertCognitoError(() -> cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(email)),
                LimitExceededException.class, "Attempt limit exceeded, please try after some time.");
        assertCognitoError(() -> cognito.sdk.forgotPassword(b -> b.clientId(CLIENT_ID).username(email)),
                LimitExceededException.class, "Attempt limit exceeded, please try after some time.");
    }

    @Test
    void passwordsFollowCognitosDefaultPolicy() {
        Map<String, String> broken = Map.of(
                "Sh0rt!", "Password not long enough",
                "lower0nly!", "Password must have uppercase characters",
                "UPPER0NLY!", "Password must have lowercase characters",
                "NoDigits!!", "Password must have numeric characters",
                "NoSymbols123", "Password must have symbol characters");
        broken.forEach((password, rule) -> assertCognitoError(
                () -> cognito.signUp("weak" + rule.length() + "@example.com", password, "Weak", "weak"),
                InvalidPasswordException.class, "Password did not conform with policy: " + rule));
        assertCognitoError(() -> cognito.signUp("spaces@example.com", " Sp4ce-first", "Spaces", "spaces"),
                InvalidParameterException.class, null);
        assertThat(countRows("SELECT count(*) FROM local_identity_accounts WHERE email LIKE 'weak%'")).isZero();
    }

    @Test
    void aTakenOrMalformedHandleIsRefusedByPreSignUp() {
        SignedUpUser.register(app.server().database(), "TakenHandle", "Already Here");
        assertCognitoError(() -> cognito.signUp("late@example.com", PASSWORD, "Late", "takenhandle"),
                UserLambdaValidationException.class,
                "PreSignUp failed with error The username 'takenhandle' is taken; choose another one.");
        assertCognitoError(() -> cognito.signUp("dashed@example.com", PASSWORD, "Dashed", "has-dash"),
                UserLambdaValidationException.class,
                "PreSignUp failed with error A username is 1 to 30 letters (A-Z, a-z), digits or underscores.");
        assertThat(countRows("SELECT count(*) FROM local_identity_accounts WHERE email IN ('late@example.com', 'dashed@example.com')"))
                .isZero();
    }

    @Test
    void aHandleTakenBeforeConfirmationLeavesTheAccountUnconfirmed() {
        String second = "second@example.com";
        String sub = cognito.signUp(second, PASSWORD, "Second", "Same_Handle").userSub();
        // Someone else gets the handle between this sign-up and its confirmation (a Cognito
        // trigger on another server, an operator): the confirmation must not half-happen.
        SignedUpUser.register(app.server().database(), "same_handle", "First");

        String code = SentCodes.confirmationCode(second);
        assertCognitoError(() -> cognito.confirm(second, code), UserLambdaValidationException.class,
                "PostConfirmation failed with error The username 'Same_Handle' is taken; choose another one.");
        assertThat(usersWithSub(sub)).isZero();
        assertCognitoError(() -> cognito.signIn(second, PASSWORD), UserNotConfirmedException.class, "User is not confirmed.");
        // The confirmation was rolled back with the registration: the code still stands.
        assertCognitoError(() -> cognito.confirm(second, code), UserLambdaValidationException.class, null);
    }

    @Test
    void aPendingSignUpHoldsItsHandleUntilItsCodeExpires() {
        String first = "holder@example.com";
        cognito.signUp(first, PASSWORD, "Holder", "held_handle");

        assertCognitoError(() -> cognito.signUp("rival@example.com", PASSWORD, "Rival", "HELD_handle"),
                UserLambdaValidationException.class,
                "PreSignUp failed with error The username 'HELD_handle' is taken; choose another one.");

        // Once the holder's code has expired, the handle is free again.
        app.server().database().jdbi().useHandle(h -> h.execute(
                "UPDATE local_identity_accounts SET confirmation_code_expires = now() - interval '1 second'"
                        + " WHERE email = 'holder@example.com'"));
        assertThat(cognito.signUp("rival@example.com", PASSWORD, "Rival", "HELD_handle").userConfirmed()).isFalse();
    }

    @Test
    void aResentCodeReplacesTheFirstOne() {
        String email = "resend@example.com";
        cognito.signUp(email, PASSWORD, "Resend", "resend");
        String first = SentCodes.confirmationCode(email);
        var resent = cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(email));
        assertThat(resent.codeDeliveryDetails().destination()).isEqualTo("r***@e***");
        String second = SentCodes.confirmationCode(email);
        if (!second.equals(first)) {
            assertCognitoError(() -> cognito.confirm(email, first), CodeMismatchException.class, null);
        }
        cognito.confirm(email, second);
        assertCognitoError(() -> cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(email)),
                InvalidParameterException.class, "User is already confirmed.");
    }

    @Test
    void expiredCodesAreRefused() {
        String email = "slow@example.com";
        cognito.signUp(email, PASSWORD, "Slow", "slow");
        app.server().database().jdbi().useHandle(h -> h.execute(
                "UPDATE local_identity_accounts SET confirmation_code_expires = now() - interval '1 second' WHERE email = ?", email));
        assertCognitoError(() -> cognito.confirm(email, SentCodes.confirmationCode(email)), ExpiredCodeException.class,
                "Invalid code provided, please request a code again.");

        cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(email));
        cognito.confirm(email, SentCodes.confirmationCode(email));
        cognito.sdk.forgotPassword(b -> b.clientId(CLIENT_ID).username(email));
        app.server().database().jdbi().useHandle(h -> h.execute(
                "UPDATE local_identity_accounts SET reset_code_expires = now() - interval '1 second' WHERE email = ?", email));
        assertCognitoError(() -> confirmForgot(email, SentCodes.passwordResetCode(email)), ExpiredCodeException.class,
                "Invalid code provided, please request a code again.");
    }

    @Test
    void codesAreStoredOnlyAsHashesAndLivedAsLongAsCognitosDo() {
        String email = "hashed@example.com";
        cognito.signUpAndConfirm(email, "Hashed", "hashed");
        cognito.sdk.forgotPassword(b -> b.clientId(CLIENT_ID).username(email));
        String code = SentCodes.passwordResetCode(email);
        Map<String, Object> row = app.server().database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT reset_code_hash,
                               extract(epoch FROM reset_code_expires - now())::int AS reset_seconds,
                               password_hash
                        FROM local_identity_accounts WHERE email = :email""")
                .bind("email", email).mapToMap().one());
        assertThat((String) row.get("reset_code_hash")).doesNotContain(code).hasSize(64);
        assertThat((Integer) row.get("reset_seconds")).isBetween(3500, 3600);
        assertThat((String) row.get("password_hash")).startsWith("$2a$10$").doesNotContain(PASSWORD);

        cognito.signUp("fresh@example.com", PASSWORD, "Fresh", "fresh");
        int confirmationSeconds = app.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT extract(epoch FROM confirmation_code_expires - now())::int FROM local_identity_accounts WHERE email = 'fresh@example.com'")
                .mapTo(Integer.class).one());
        assertThat(confirmationSeconds).isBetween(24 * 3600 - 100, 24 * 3600);
    }

    @Test
    void badTokensAreNotAuthorized() {
        cognito.signUpAndConfirm("tokens@example.com", "Tokens", "tokens");
        AuthenticationResultType tokens = cognito.signIn("tokens@example.com", PASSWORD);

        assertCognitoError(() -> cognito.sdk.getUser(b -> b.accessToken("not-a-token")), NotAuthorizedException.class,
                "Invalid Access Token");
        assertCognitoError(() -> cognito.sdk.getUser(b -> b.accessToken(tokens.idToken())), NotAuthorizedException.class,
                "Invalid Access Token");
        assertCognitoError(() -> cognito.refresh("made-up"), NotAuthorizedException.class, "Invalid Refresh Token");

        app.server().database().jdbi().useHandle(h -> h.execute("""
                UPDATE local_identity_refresh_tokens SET expires_at = now() - interval '1 second', auth_time = now() - interval '31 days'
                WHERE sub = (SELECT sub FROM local_identity_accounts WHERE email = 'tokens@example.com')"""));
        assertCognitoError(() -> cognito.refresh(tokens.refreshToken()), NotAuthorizedException.class,
                "Refresh Token has expired");
    }

    @Test
    void unknownUsersWhereCognitoSaysSo() {
        assertCognitoError(() -> cognito.confirm("ghost@example.com", "123456"), UserNotFoundException.class, null);
        assertCognitoError(() -> cognito.sdk.forgotPassword(b -> b.clientId(CLIENT_ID).username("ghost@example.com")),
                UserNotFoundException.class, null);
        assertCognitoError(() -> cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username("ghost@example.com")),
                UserNotFoundException.class, null);
    }

    @Test
    void anotherAppClientIsNotFound() {
        assertCognitoError(() -> cognito.sdk.signUp(b -> b.clientId("someone-elses-client").username("x@example.com")
                        .password(PASSWORD)),
                ResourceNotFoundException.class, null);
    }

    @Test
    void theSignUpFlowLogsNoSecrets() {
        String email = "quiet@example.com";
        AuthenticationResultType tokens;
        cognito.signUpAndConfirm(email, "Quiet", "quiet");
        tokens = cognito.signIn(email, PASSWORD);
        assertThat(ServerLog.linesContaining(PASSWORD)).isZero();
        assertThat(ServerLog.linesContaining(tokens.accessToken().substring(0, 40))).isZero();
        assertThat(ServerLog.linesContaining(tokens.refreshToken())).isZero();
        assertThat(ServerLog.linesContaining(tokens.idToken().substring(0, 40))).isZero();
        String passwordHash = app.server().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT password_hash FROM local_identity_accounts WHERE email = :email")
                .bind("email", email).mapTo(String.class).one());
        assertThat(ServerLog.linesContaining(passwordHash)).isZero();
        assertThat(ServerLog.linesContaining("Confirmation code for " + email)).isEqualTo(1);
    }

    private static Map<String, String> attributes(GetUserResponse user) {
        return user.userAttributes().stream().collect(Collectors.toMap(AttributeType::name, AttributeType::value));
    }

    private static int usersWithSub(String sub) {
        return countRows("SELECT count(*) FROM users WHERE cognito_user_id = '" + sub + "'");
    }

    private static int countRows(String sql) {
        return app.server().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    /** The SDK turned the answer into this typed exception, with exactly this message (null: any). */
    static void assertCognitoError(ThrowingCallable call, Class<? extends CognitoIdentityProviderException> type,
                                   String message) {
        CognitoIdentityProviderException e = catchThrowableOfType(type, call);
        assertThat(e).as("expected " + type.getSimpleName()).isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
    }
}
