package dev.cruddur.server.identity;

import static dev.cruddur.server.identity.LocalCognitoSdk.CLIENT_ID;
import static dev.cruddur.server.identity.LocalCognitoSdk.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cruddur.localcognito.CodePurpose;
import dev.cruddur.localcognito.CodeSender;
import dev.cruddur.server.ServerLog;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.http.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;

/**
 * Nothing a client sends reaches the server's log (the {@code cruddur serve} terminal) as a
 * control character. Text that could carry one is refused at the door where it is a Username,
 * an email, a handle or a name (Cognito's {@code InvalidParameterException}, through the real
 * AWS SDK), and escaped where the server logs what it was sent (request paths). The log is read
 * back byte for byte, not line by line, so a lone carriage return cannot hide.
 */
class LogInjectionTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    /** Each would act on a terminal or on the reader instead of showing: escapes, BEL, CR, LF, C1 CSI, NEL,
     *  right-to-left override, zero-width space, BOM, the line and paragraph separators. */
    private static final List<String> SNEAKY = List.of("\u001B[1A\u001B[2K", "\u0007", "\r", "\n", "\u009B2K", "\u0085",
            "\u202E", "\u200B", "\uFEFF", "\u2028", "\u2029");
    /** A whole forged line: up one line, erase it, and write a code the attacker chose. */
    private static final String FORGERY = "\u001B[1A\u001B[2K\rConfirmation code for victim@example.com: 123456\n";
    /** The same with nothing the old email check caught: no space, no CR, no second @. The server used to take it. */
    private static final String FORGERY_AS_AN_EMAIL = "ev\u001B[1A\u001B[2K\u001B[1GConfirmation\u00A0code\u00A0for"
            + "\u00A0victim\uFF20example.com:\u00A0123456\u0007\u202Eil@example.com";
    private static final String USERNAME_PATTERN = "1 validation error detected: Value at 'username' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+";

    private static LocalCognitoSdk cognito;

    @BeforeAll
    static void start() {
        cognito = app.closeAfterAll(new LocalCognitoSdk(app.server().port()));
    }

    @Test
    void usernamesEmailsHandlesAndNamesWithControlCharactersAreRefusedAndNothingReachesTheLog() {
        long logBefore = ServerLog.size();
        cognito.signUpAndConfirm("honest@example.com", "Honest", "honest");
        List<String> usernames = new ArrayList<>();
        usernames.add(FORGERY_AS_AN_EMAIL);
        usernames.add(FORGERY + "x@example.com");
        usernames.add("x@example.com" + FORGERY);
        SNEAKY.forEach(sneaky -> usernames.add("ev" + sneaky + "il@example.com"));

        for (String username : usernames) {
            refused(() -> cognito.signUp(username, PASSWORD, "Evil", "evil"), USERNAME_PATTERN);
            refused(() -> cognito.confirm(username, "123456"), USERNAME_PATTERN);
            refused(() -> cognito.sdk.resendConfirmationCode(b -> b.clientId(CLIENT_ID).username(username)), USERNAME_PATTERN);
            refused(() -> cognito.sdk.forgotPassword(b -> b.clientId(CLIENT_ID).username(username)), USERNAME_PATTERN);
            refused(() -> cognito.sdk.confirmForgotPassword(b -> b.clientId(CLIENT_ID).username(username)
                    .confirmationCode("123456").password("N3w+password")), USERNAME_PATTERN);
            refused(() -> cognito.sdk.initiateAuth(b -> b.clientId(CLIENT_ID).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", username, "PASSWORD", PASSWORD))), USERNAME_PATTERN);
        }
        for (String sneaky : SNEAKY) {
            String email = "fine" + Math.abs(sneaky.hashCode()) + "@example.com";
            refused(() -> signUp(email, email + sneaky, "Fine", "fine"),
                    "The attribute email contains a control or format character.");
            refused(() -> signUp(email, email, "Fi" + sneaky + "ne", "fine"),
                    "The attribute name contains a control or format character.");
            refused(() -> signUp(email, email, "Fine", "fi" + sneaky + "ne"),
                    "The attribute preferred_username contains a control or format character.");
        }
        // Joiners are part of emoji and of some scripts' spelling: a name may have them.
        cognito.signUpAndConfirm("family@example.com", "Family \uD83D\uDC69\u200D\uD83D\uDC67", "family");

        String logged = ServerLog.textSince(logBefore);
        assertThat(logged).contains("Confirmation code for honest@example.com: ")
                .contains("Confirmation code for family@example.com: ")
                .doesNotContain("victim@example.com").doesNotContain("victim\uFF20example.com");
        assertNoControlCharacters(logged);
    }

    @Test
    void theCodeLineEscapesAnEmailThatGotPastTheDoorAndStaysOneLine() {
        // The second line of defence, should a path to this line ever skip the door's check.
        long logBefore = ServerLog.size();
        CodeSender.toLog().send(FORGERY + "x@example.com", CodePurpose.CONFIRMATION, "654321");

        String logged = ServerLog.textSince(logBefore);
        assertNoControlCharacters(logged);
        assertThat(logged.lines()).singleElement().asString()
                .contains("Confirmation code for \\u001B[1A\\u001B[2K\\u000DConfirmation code for victim@example.com:"
                        + " 123456\\u000Ax@example.com: ");
    }

    @Test
    void requestPathsAndHeadersWithControlCharactersAreLoggedEscaped() {
        long logBefore = ServerLog.size();
        List<String> paths = new ArrayList<>();
        for (String sneaky : SNEAKY) {
            paths.add("/api/activities/@ev" + sneaky + "il");
            paths.add("/api/activities/@ev" + percentEncoded(sneaky) + "il");
            paths.add("/local-cognito" + sneaky);
            paths.add("/no/such/page" + sneaky + "?q=" + sneaky);
        }
        paths.add("/api/activities/search?term=" + percentEncoded(FORGERY));
        for (String path : paths) {
            int status = rawRequest("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl" + headerSafe(path)
                    + "\r\nX-Amz-Target: AWSCognitoIdentityProviderService.Sign\u202EUp\r\nConnection: close\r\n\r\n");
            assertThat(status).as(path).isBetween(200, 499);
        }

        assertNoControlCharacters(ServerLog.textSince(logBefore));
    }

    private static void signUp(String username, String email, String name, String handle) {
        cognito.sdk.signUp(b -> b.clientId(CLIENT_ID).username(username).password(PASSWORD).userAttributes(
                AttributeType.builder().name("email").value(email).build(),
                AttributeType.builder().name("name").value(name).build(),
                AttributeType.builder().name("preferred_username").value(handle).build()));
    }

    private static void refused(ThrowingCallable call, String message) {
        InvalidParameterException refused = catchThrowableOfType(InvalidParameterException.class, call);
        assertThat(refused).as("expected InvalidParameterException: " + message).isNotNull();
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    /** Every code point of the log that is a control (other than the line feeds ending lines) or format character. */
    private static void assertNoControlCharacters(String logged) {
        List<String> found = new ArrayList<>();
        logged.codePoints().filter(c -> c != '\n').forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                found.add(String.format("U+%04X", c));
            }
        });
        assertThat(found).as("raw control characters in the server log").isEmpty();
    }

    private static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append(String.format("%%%02X", b & 0xFF));
        }
        return encoded.toString();
    }

    /** A header value can carry anything but CR and LF without ending the header. */
    private static String headerSafe(String text) {
        return text.replace("\r", "").replace("\n", "");
    }

    /** Sends the request exactly as given (UTF-8), and returns the status of the answer. */
    private static int rawRequest(String request) {
        try {
            return RawHttp.exchange(null, InetAddress.getLoopbackAddress(), app.server().port(),
                    request.getBytes(StandardCharsets.UTF_8)).status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
