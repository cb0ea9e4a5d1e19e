package dev.cruddur.server.identity;

import static dev.cruddur.testkit.account.AccountClient.otherThan;
import static dev.cruddur.server.identity.LocalCognitoSdk.CLIENT_ID;
import static dev.cruddur.server.identity.LocalCognitoSdk.PASSWORD;
import static dev.cruddur.server.identity.LocalIdentityProviderTest.assertCognitoError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cruddur.localcognito.Throttles;
import dev.cruddur.server.SentCodes;
import dev.cruddur.server.TestServer;
import dev.cruddur.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The development provider's throttles, tried as someone would try to side-step them, through
 * the real AWS SDK: other spellings of one email, a flood of other emails, a restart, many
 * sign-ups from one address (with forged forwarding headers), and pending sign-ups kept alive to
 * hold handles. Each test has a server of its own, so the counts of one do not spill into the next.
 */
class LocalIdentityThrottleTest {

    private static final int SIGN_UPS_PER_ADDRESS = Throttles.PER_ADDRESS;
    private static final int CODE_REQUESTS_PER_ADDRESS = Throttles.PER_ADDRESS;
    private static final String PASSWORD_ATTEMPTS_EXCEEDED = "Password attempts exceeded";
    private static final String ATTEMPT_LIMIT_EXCEEDED = "Attempt limit exceeded, please try after some time.";

    @TempDir
    Path dataDirectory;

    private TestServer server;
    private LocalCognitoSdk cognito;

    @BeforeEach
    void start() {
        server = TestServer.withLocalIdentity(dataDirectory).start();
        cognito = new LocalCognitoSdk(server.port());
    }

    @AfterEach
    void stop() {
        cognito.close();
        server.close();
    }

    // --- One account, many spellings ---------------------------------------------------------

    @Test
    void everySpellingThatReachesAnAccountSharesItsPasswordCount() {
        cognito.signUpAndConfirm("mia@example.com", "Mia", "mia");
        assumeDatabaseFolds("mİa@example.com", "mia@example.com");
        for (int i = 0; i < Throttles.ATTEMPTS; i++) {
            assertCognitoError(() -> cognito.signIn("mia@example.com", "Wr0ng-password"), NotAuthorizedException.class,
                    "Incorrect username or password.");
        }
        // U+0130 (İ) is 'i' to PostgreSQL's lower(), which finds the account, but not to Java's toLowerCase.
        for (String spelling : List.of("mİa@example.com", "MİA@EXAMPLE.COM", "Mİa@Example.com")) {
            assertCognitoError(() -> cognito.signIn(spelling, PASSWORD), NotAuthorizedException.class,
                    PASSWORD_ATTEMPTS_EXCEEDED);
        }
    }

    @Test
    void everySpellingOfAnEmailWithoutAnAccountSharesOneCount() {
        assumeDatabaseFolds("ghİ@example.com", "ghi@example.com");
        for (int i = 0; i < Throttles.ATTEMPTS; i++) {
            assertCognitoError(() -> cognito.signIn("ghi@example.com", PASSWORD), NotAuthorizedException.class,
                    "Incorrect username or password.");
        }
        assertCognitoError(() -> cognito.signIn("GHİ@example.com", PASSWORD), NotAuthorizedException.class,
                PASSWORD_ATTEMPTS_EXCEEDED);
    }

    @Test
    void everySpellingThatReachesAnAccountSharesItsCodeCount() {
        String email = "mira@example.com";
        cognito.signUp(email, PASSWORD, "Mira", "mira");
        assumeDatabaseFolds("MİRA@example.com", email);
        String code = SentCodes.confirmationCode(email);
        for (int i = 0; i < Throttles.ATTEMPTS - 1; i++) {
            assertCognitoError(() -> cognito.confirm(email, otherThan(code)), CodeMismatchException.class, null);
        }
        assertCognitoError(() -> cognito.confirm("MİRA@example.com", otherThan(code)), CodeMismatchException.class, null);

        assertCognitoError(() -> cognito.confirm(email, code), LimitExceededException.class, ATTEMPT_LIMIT_EXCEEDED);
        assertThat(isConfirmed(email)).isFalse();
    }

    @Test
    void everySpellingThatReachesAnAccountSharesItsCodeRequests() {
        String email = "iris@example.com";
        cognito.signUp(email, PASSWORD, "Iris", "iris");
        assumeDatabaseFolds("İRİS@example.com", email);
        for (int i = 0; i < Throttles.ATTEMPTS; i++) {
            cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(email));
        }
        assertCognitoError(() -> cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username("İRİS@example.com")),
                LimitExceededException.class, ATTEMPT_LIMIT_EXCEEDED);
    }

    // --- Counts that nothing resets -----------------------------------------------------------

    @Test
    void aFloodOfConfirmationsForOtherEmailsLeavesAnAccountsCodeCountAlone() throws Exception {
        String email = "victim@example.com";
        cognito.signUp(email, PASSWORD, "Victim", "victim");
        String code = SentCodes.confirmationCode(email);
        for (int i = 0; i < Throttles.ATTEMPTS - 1; i++) {
            assertCognitoError(() -> cognito.confirm(email, otherThan(code)), CodeMismatchException.class, null);
        }

        // More emails than the old in-memory table held (20,000), each one cheap to send.
        Map<String, Long> answers = inParallel(20_500, i -> () -> {
            try {
                cognito.confirm("flood-" + i + "-" + UUID.randomUUID() + "@example.com", "123456");
                return "confirmed";
            } catch (CognitoIdentityProviderException e) {
                return e.awsErrorDetails().errorCode();
            }
        });
        assertThat(answers).isEqualTo(Map.of("UserNotFoundException", 20_500L));

        assertCognitoError(() -> cognito.confirm(email, otherThan(code)), CodeMismatchException.class, null);
        assertCognitoError(() -> cognito.confirm(email, code), LimitExceededException.class, ATTEMPT_LIMIT_EXCEEDED);
        assertThat(isConfirmed(email)).isFalse();
    }

    @Test
    void aRestartLeavesAnAccountsCodeCountAlone(@TempDir Path ownDataDirectory) {
        String email = "patient@example.com";
        try (TestDatabase database = TestDatabase.empty()) {
            TestServer.Builder server = TestServer.withLocalIdentity(ownDataDirectory).onDatabase(database.url());
            String code;
            try (TestServer app = server.start(); LocalCognitoSdk before = new LocalCognitoSdk(app.port())) {
                before.signUp(email, PASSWORD, "Patient", "patient");
                code = SentCodes.confirmationCode(email);
                for (int i = 0; i < Throttles.ATTEMPTS - 1; i++) {
                    assertCognitoError(() -> before.confirm(email, otherThan(code)), CodeMismatchException.class, null);
                }
            }
            try (TestServer app = server.start(); LocalCognitoSdk after = new LocalCognitoSdk(app.port())) {
                assertCognitoError(() -> after.confirm(email, otherThan(code)), CodeMismatchException.class, null);
                assertCognitoError(() -> after.confirm(email, code), LimitExceededException.class, ATTEMPT_LIMIT_EXCEEDED);
            }
        }
    }

    // --- Sign-ups and codes asked for, per address and per email -------------------------------

    @Test
    void aFloodOfSignUpsFromOneAddressIsCutOffWhateverItsForwardingHeadersSay() throws Exception {
        Map<String, Long> answers = inParallel(80, i -> () -> {
            try {
                cognito.sdk.signUp(b -> b.clientId(CLIENT_ID).username("squatter" + i + "@example.com").password(PASSWORD)
                        .userAttributes(LocalCognitoSdk.attribute("name", "Squatter"),
                                LocalCognitoSdk.attribute("preferred_username", "handle_" + i))
                        // Not trusted: anyone can write these headers.
                        .overrideConfiguration(o -> o.putHeader("X-Forwarded-For", "203.0.113." + i)
                                .putHeader("Forwarded", "for=198.51.100." + i)
                                .putHeader("X-Real-IP", "192.0.2." + i)));
                return "signed up";
            } catch (CognitoIdentityProviderException e) {
                return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
            }
        });

        assertThat(answers).isEqualTo(Map.of("signed up", (long) SIGN_UPS_PER_ADDRESS,
                "LimitExceededException: " + ATTEMPT_LIMIT_EXCEEDED, 80L - SIGN_UPS_PER_ADDRESS));
        assertThat(countRows("SELECT count(*) FROM local_identity_accounts")).isEqualTo(SIGN_UPS_PER_ADDRESS);
        OtherAddress.Answer elsewhere = new OtherAddress("127.0.0.2", server.port()).signUp("elsewhere@example.com", "elsewhere");
        assertThat(elsewhere.status()).as("another address is counted apart: " + elsewhere.body()).isEqualTo(200);
    }

    @Test
    void signUpsForOneEmailAreCountedWhicheverAddressTheyComeFrom() {
        String email = "coveted@example.com";
        cognito.signUp(email, PASSWORD, "Coveted", "coveted");
        for (int i = 1; i < Throttles.ATTEMPTS; i++) {
            int attempt = i;
            assertCognitoError(() -> cognito.signUp(email, PASSWORD, "Coveted", "coveted_" + attempt),
                    UsernameExistsException.class, null);
        }
        assertCognitoError(() -> cognito.signUp(email, PASSWORD, "Coveted", "coveted_again"), LimitExceededException.class,
                ATTEMPT_LIMIT_EXCEEDED);
        OtherAddress.Answer elsewhere = new OtherAddress("127.0.0.3", server.port()).signUp("COVETED@example.com", "coveted_x");
        assertThat(elsewhere.errorType()).as(elsewhere.body()).isEqualTo("LimitExceededException");

        assertThat(cognito.signUp("another@example.com", PASSWORD, "Another", "another").userConfirmed())
                .as("this address still has sign-ups left").isFalse();
    }

    @Test
    void codeRequestsFromOneAddressAreCutOffWhicheverEmailsTheyName() {
        String email = "waiting@example.com";
        cognito.signUp(email, PASSWORD, "Waiting", "waiting");
        for (int i = 0; i < CODE_REQUESTS_PER_ADDRESS; i++) {
            String stranger = "stranger" + i + "@example.com";
            assertCognitoError(() -> cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(stranger)),
                    UserNotFoundException.class, null);
        }
        assertCognitoError(() -> cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(email)),
                LimitExceededException.class, ATTEMPT_LIMIT_EXCEEDED);
        assertCognitoError(() -> cognito.sdk.forgotPassword(b -> b.clientId(CLIENT_ID).username("stranger@example.com")),
                LimitExceededException.class, ATTEMPT_LIMIT_EXCEEDED);

        OtherAddress.Answer elsewhere = new OtherAddress("127.0.0.4", server.port()).resendConfirmationCode(email);
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
    }

    // --- Handles held by sign-ups nobody confirms ----------------------------------------------

    @Test
    void aResentCodeDoesNotProlongTheHoldOnAHandle() {
        String email = "holder@example.com";
        cognito.signUp(email, PASSWORD, "Holder", "held");
        travel(email, Duration.ofHours(12));
        cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(email)); // a new code, for 24 hours
        travel(email, Duration.ofHours(12).plusSeconds(1));

        // A day after the sign-up the hold is over, though the resent code still works for 12 hours.
        assertThat(cognito.signUp("rival@example.com", PASSWORD, "Rival", "HELD").userConfirmed()).isFalse();
        cognito.confirm(email, SentCodes.confirmationCode(email));
    }

    @Test
    void aPendingSignUpIsDeletedOnceItsCodeHasExpiredFreeingItsEmailAndHandle() {
        String email = "abandoned@example.com";
        String sub = cognito.signUp(email, PASSWORD, "Abandoned", "abandoned").userSub();
        travel(email, Duration.ofHours(24).plusSeconds(1));

        assertThat(cognito.signUp("newcomer@example.com", PASSWORD, "Newcomer", "ABANDONED").userConfirmed()).isFalse();
        assertThat(countRows("SELECT count(*) FROM local_identity_accounts WHERE sub = '" + sub + "'"))
                .as("the expired sign-up is gone").isZero();
        String again = cognito.signUp(email, PASSWORD, "Back Again", "back_again").userSub();
        assertThat(again).isNotEqualTo(sub);
    }

    @Test
    void aPendingSignUpWhoseCodesWereGuessedAtIsKeptForItsDay() {
        String email = "guessedat@example.com";
        cognito.signUp(email, PASSWORD, "Guessed At", "guessed_at");
        String code = SentCodes.confirmationCode(email);
        for (int i = 0; i < Throttles.ATTEMPTS; i++) {
            assertCognitoError(() -> cognito.confirm(email, otherThan(code)), CodeMismatchException.class, null);
        }
        cognito.signUp("bystander@example.com", PASSWORD, "Bystander", "bystander");

        // Its code no longer works, but its owner can still ask for a new one: guessing does not delete it.
        assertThat(countRows("SELECT count(*) FROM local_identity_accounts WHERE email = '" + email + "'")).isEqualTo(1);
        assertThat(cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(email))
                .codeDeliveryDetails().destination()).isEqualTo("g***@e***");
    }

    // --- helpers ------------------------------------------------------------------------------

    /** As if {@code by} had passed since the account was created and its codes sent. */
    private void travel(String email, Duration by) {
        jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE local_identity_accounts
                        SET created_at = created_at - make_interval(secs => :seconds),
                            updated_at = updated_at - make_interval(secs => :seconds),
                            confirmation_code_expires = confirmation_code_expires - make_interval(secs => :seconds),
                            reset_code_expires = reset_code_expires - make_interval(secs => :seconds)
                        WHERE email = :email""")
                .bind("seconds", (double) by.toSeconds()).bind("email", email).execute());
    }

    /** The finding holds only where the database's lower() folds these together (any UTF-8 locale does). */
    private void assumeDatabaseFolds(String spelling, String email) {
        boolean folds = jdbi().withHandle(h -> h.createQuery("SELECT lower(:spelling) = lower(:email)")
                .bind("spelling", spelling).bind("email", email).mapTo(Boolean.class).one());
        assumeTrue(folds, "this database's lower() keeps " + spelling + " apart from " + email);
    }

    private boolean isConfirmed(String email) {
        return jdbi().withHandle(h -> h.createQuery("SELECT confirmed FROM local_identity_accounts WHERE email = :email")
                .bind("email", email).mapTo(Boolean.class).one());
    }

    private int countRows(String sql) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private Jdbi jdbi() {
        return server.database().jdbi();
    }

    /** Runs {@code count} calls on 8 threads; how many times each answer came. */
    private static Map<String, Long> inParallel(int count, java.util.function.IntFunction<Callable<String>> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(call.apply(i)));
            }
            Map<String, Long> counts = new TreeMap<>();
            for (Future<String> future : futures) {
                counts.merge(future.get(), 1L, Long::sum);
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }
}
