package dev.cruddur.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.cruddur.error.ValidationException;
import dev.cruddur.error.Violation;
import dev.cruddur.testing.TestData;
import dev.cruddur.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserRegistrationTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    private static final TestData data = new TestData(db.jdbi());
    private static final UserRegistration registration = new UserRegistration(db.jdbi());

    @BeforeEach
    void noUsers() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM activities; DELETE FROM users"));
    }

    private static UserAttributes alice() {
        return new UserAttributes("sub-alice", "alice@example.com", "Alice Liddell", "alice");
    }

    private static long users() {
        return data.count("SELECT count(*) FROM users");
    }

    private static List<String> codes(ThrowingCall call) {
        try {
            call.run();
        } catch (ValidationException e) {
            return e.violations().stream().map(Violation::code).toList();
        }
        throw new AssertionError("expected a ValidationException");
    }

    interface ThrowingCall {
        void run();
    }

    @Test
    void createsTheUserFromTheCognitoAttributes() {
        Registration result = registration.register(alice());

        assertThat(result.created()).isTrue();
        User user = result.user();
        assertThat(user.uuid()).isNotNull();
        assertThat(user.cognitoUserId()).isEqualTo("sub-alice");
        assertThat(user.email()).isEqualTo("alice@example.com");
        assertThat(user.displayName()).isEqualTo("Alice Liddell");
        assertThat(user.handle()).isEqualTo("alice");
        assertThat(user.createdAt()).isNotNull();
        assertThat(new Users(db.jdbi()).byCognitoUserId("sub-alice")).contains(user);
    }

    @Test
    void readsTheAttributesCognitoSendsAndIgnoresTheRest() {
        UserAttributes attributes = UserAttributes.fromCognito(Map.of(
                "sub", "sub-alice", "email", "alice@example.com", "email_verified", "true",
                "name", "Alice Liddell", "preferred_username", "alice", "cognito:user_status", "CONFIRMED"));

        assertThat(attributes).isEqualTo(alice());
        assertThat(UserAttributes.fromCognito(null)).isEqualTo(new UserAttributes(null, null, null, null));
    }

    @Test
    void aSecondRegistrationReturnsTheSameRowUnchanged() {
        User first = registration.register(alice()).user();

        Registration again = registration.register(
                new UserAttributes("sub-alice", "new@example.com", "Someone Else", "alice2"));

        assertThat(again.created()).isFalse();
        assertThat(again.user()).isEqualTo(first);
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void someoneRegisteredIsReturnedEvenIfTheirAttributesNoLongerPass() {
        // Cognito runs no Pre Sign-up when attributes change, but Post Confirmation again after a
        // password reset: the reset must not fail because of today's attributes.
        User first = registration.register(alice()).user();

        Registration again = registration.register(new UserAttributes("sub-alice", null, "n".repeat(500), "not a handle"));

        assertThat(again.created()).isFalse();
        assertThat(again.user()).isEqualTo(first);
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRegistrationsOfOnePersonLeaveOneRow() throws Exception {
        int callers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Registration>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                Callable<Registration> call = () -> {
                    start.await();
                    return registration.register(alice());
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Registration> registrations = new ArrayList<>();
            for (Future<Registration> result : results) {
                registrations.add(result.get());
            }

            assertThat(users()).isEqualTo(1);
            assertThat(registrations).filteredOn(Registration::created).hasSize(1);
            assertThat(registrations).extracting(r -> r.user().uuid()).containsOnly(registrations.get(0).user().uuid());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHandleTakenByAnotherPersonIgnoringCaseIsRefused() {
        registration.register(alice());

        assertThat(codes(() -> registration.register(
                new UserAttributes("sub-other", "other@example.com", "Other", "ALICE"))))
                .containsExactly("handle_taken");
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void theSeedUsersHandlesAreTakenToo() {
        data.user("andrewbrown");

        assertThat(codes(() -> registration.register(
                new UserAttributes("sub-x", "x@example.com", "X", "AndrewBrown")))).containsExactly("handle_taken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "dash-ed", "ünïcode", "a.b", "thirty_one_characters_long_xxxx", "@alice"})
    void malformedHandlesAreRefused(String handle) {
        assertThat(codes(() -> registration.register(
                new UserAttributes("sub-x", "x@example.com", "X", handle)))).containsExactly("handle_invalid");
        assertThat(users()).isZero();
    }

    @Test
    void handlesOfOneAndThirtyCharactersAreFine() {
        registration.register(new UserAttributes("sub-1", "a@example.com", "A", "a"));
        registration.register(new UserAttributes("sub-30", "b@example.com", "B", "thirty_characters_long_xxxxxxx"));

        assertThat(users()).isEqualTo(2);
    }

    @Test
    void everyMissingAttributeIsReportedAtOnce() {
        assertThat(codes(() -> registration.register(new UserAttributes(null, null, null, null))))
                .containsExactly("sub_blank", "handle_blank", "email_blank");
        assertThat(codes(() -> registration.register(new UserAttributes(" ", " ", " ", " "))))
                .containsExactly("sub_blank", "handle_blank", "email_blank");
        assertThat(users()).isZero();
    }

    @Test
    void withoutANameThePersonIsShownByTheirHandle() {
        User user = registration.register(new UserAttributes("sub-x", "x@example.com", null, "xavier")).user();

        assertThat(user.displayName()).isEqualTo("xavier");
    }

    @Test
    void surroundingWhitespaceIsDropped() {
        User user = registration.register(
                new UserAttributes(" sub-x ", " x@example.com ", "  Xavier  ", " xavier ")).user();

        assertThat(user).extracting(User::cognitoUserId, User::email, User::displayName, User::handle)
                .containsExactly("sub-x", "x@example.com", "Xavier", "xavier");
    }

    @Test
    void badEmailsAndNamesAreRefused() {
        String longName = "n".repeat(UserRegistration.MAX_NAME_CHARS + 1);
        assertThat(codes(() -> registration.register(new UserAttributes("s", "no-at-sign", longName, "ok"))))
                .containsExactly("email_invalid", "name_exceed_max_chars");
        assertThat(codes(() -> registration.register(new UserAttributes("s", "x@", "Nul\0name", "ok"))))
                .containsExactly("email_invalid", "name_invalid");
        assertThat(codes(() -> registration.register(new UserAttributes("s\0", "x@example.com", "X", "ok"))))
                .containsExactly("sub_invalid");
        assertThat(users()).isZero();
    }

    @Test
    void namesAndEmailsWithControlOrFormatCharactersAreRefusedAtSignUpAndRegistration() {
        // ESC sequences, BEL, CR, the C1 CSI, right-to-left override, zero-width space, BOM, line
        // and paragraph separators: each would act on a terminal or a reader instead of showing.
        for (String sneaky : new String[] {"\u001B[2K", "\u0007", "\r", "\n", "\u009B2J", "\u202E", "\u200B",
                "\uFEFF", "\u2028", "\u2029", "\u0085"}) {
            UserAttributes badName = new UserAttributes("s", "x@example.com", "Ev" + sneaky + "il", "evil");
            UserAttributes badEmail = new UserAttributes("s", "x" + sneaky + "y@example.com", "Evil", "evil");
            assertThat(codes(() -> registration.checkSignUp(badName))).as(sneaky).containsExactly("name_invalid");
            assertThat(codes(() -> registration.register(badName))).as(sneaky).containsExactly("name_invalid");
            assertThat(codes(() -> registration.checkSignUp(badEmail))).as(sneaky).containsExactly("email_invalid");
            assertThat(codes(() -> registration.register(badEmail))).as(sneaky).containsExactly("email_invalid");
        }
        assertThat(users()).isZero();
    }

    @Test
    void joinersStayInNamesForEmojiAndScriptsThatNeedThem() {
        // A family emoji is joined by U+200D; Persian writes some words with U+200C.
        String family = "\uD83D\uDC69\u200D\uD83D\uDC67";
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";

        assertThat(registration.register(new UserAttributes("s1", "f@example.com", family, "family")).user().displayName())
                .isEqualTo(family);
        assertThat(registration.register(new UserAttributes("s2", "p@example.com", persian, "persian")).user().displayName())
                .isEqualTo(persian);
    }

    @Test
    void aNameOfAHundredEmojisFits() {
        String name = "😀".repeat(UserRegistration.MAX_NAME_CHARS);

        assertThat(registration.register(new UserAttributes("s", "x@example.com", name, "emoji")).user().displayName())
                .isEqualTo(name);
    }

    @Test
    void signUpCheckRefusesTakenAndMalformedHandlesBeforeTheAccountExists() {
        registration.register(alice());

        assertThat(codes(() -> registration.checkSignUp(new UserAttributes(null, "b@example.com", "B", "Alice"))))
                .containsExactly("handle_taken");
        assertThat(codes(() -> registration.checkSignUp(new UserAttributes(null, "b@example.com", "B", "no way"))))
                .containsExactly("handle_invalid");
        assertThat(codes(() -> registration.checkSignUp(new UserAttributes(null, null, "B", null))))
                .containsExactly("handle_blank", "email_blank");
        assertThatNoException().isThrownBy(() ->
                registration.checkSignUp(new UserAttributes(null, "b@example.com", "B", "bob")));
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void theMessageOfATakenHandleNamesIt() {
        registration.register(alice());

        assertThatThrownBy(() -> registration.checkSignUp(new UserAttributes(null, "b@example.com", "B", "alice")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("The username 'alice' is taken; choose another one.");
    }
}
