package dev.cruddur.testkit.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cruddur.testkit.http.ApiClient;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.net.http.HttpRequest;

/**
 * Makes accounts at a running server's development identity provider ({@code /local-cognito})
 * over real HTTP, in Cognito's JSON protocol, as the web app (or any Cognito client without an
 * SDK) makes them: signs up, confirms with the code the caller's {@link ConfirmationCodes} finds,
 * and signs in. A step that must succeed and does not fails the test with an
 * {@link AssertionError} naming the action, the status and the body.
 */
public final class AccountClient {

    /** The development identity provider's app client. */
    public static final String CLIENT_ID = "cruddur-local";
    /** Meets Cognito's default password policy: upper, lower, digit, symbol, 8+ characters. */
    public static final String PASSWORD = "Corr3ct-horse!";
    private static final String WRONG_PASSWORD = "Wr0ng-password!";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api;
    private final ConfirmationCodes codes;

    /** For the server {@code api} speaks to, finding its codes with {@code codes}. */
    public AccountClient(ApiClient api, ConfirmationCodes codes) {
        this.api = api;
        this.codes = codes;
    }

    /** Signs up with {@link #PASSWORD}, confirms and signs in: the access token. */
    public String create(String email, String name, String handle) {
        signUpAndConfirm(email, name, handle, PASSWORD);
        return signIn(email);
    }

    /** Signs up and confirms; returns the code it confirmed with. */
    public String signUpAndConfirm(String email, String name, String handle, String password) {
        ObjectNode signUp = request().put("Username", email).put("Password", password);
        signUp.putArray("UserAttributes")
                .add(attribute("email", email))
                .add(attribute("name", name))
                .add(attribute("preferred_username", handle));
        expect(200, "SignUp", signUp);
        String code = latestCode(email);
        expect(200, "ConfirmSignUp", request().put("Username", email).put("ConfirmationCode", code));
        return code;
    }

    /** Signs in with {@link #PASSWORD}: the access token. */
    public String signIn(String email) {
        return signIn(email, PASSWORD).accessToken();
    }

    /** {@code USER_PASSWORD_AUTH}: the access, id and refresh tokens. */
    public Tokens signIn(String email, String password) {
        return Tokens.of(expect(200, "InitiateAuth", passwordAuth(email, password)).json().path("AuthenticationResult"));
    }

    /** The sign-in with {@link #PASSWORD}, unsent, for a test that sends it itself and looks at whatever comes back. */
    public HttpRequest signInRequest(String email) {
        return post("InitiateAuth", passwordAuth(email, PASSWORD));
    }

    /** A {@code REFRESH_TOKEN_AUTH} with this refresh token, answered as it comes (200, or Cognito's error). */
    public Response refresh(String refreshToken) {
        ObjectNode auth = request().put("AuthFlow", "REFRESH_TOKEN_AUTH");
        auth.putObject("AuthParameters").put("REFRESH_TOKEN", refreshToken);
        return api.send(post("InitiateAuth", auth));
    }

    /** Tries a wrong password this many times; each must be refused. */
    public void wrongPasswords(String email, int times) {
        for (int i = 0; i < times; i++) {
            expect(400, "InitiateAuth", passwordAuth(email, WRONG_PASSWORD));
        }
    }

    /** Tries a wrong confirmation code this many times; each must be refused. */
    public void wrongConfirmationCodes(String email, int times) {
        String wrong = otherThan(latestCode(email));
        for (int i = 0; i < times; i++) {
            expect(400, "ConfirmSignUp", request().put("Username", email).put("ConfirmationCode", wrong));
        }
    }

    /** Any action, whatever it answers; {@code body} is anything Jackson writes as a JSON object. */
    public Response send(String action, Object body) {
        return api.send(post(action, JSON.valueToTree(body)));
    }

    /** A code of six digits that is certainly not {@code code}. */
    public static String otherThan(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private String latestCode(String email) {
        try {
            return codes.latest(email);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the code sent to " + email, e);
        }
    }

    private static ObjectNode request() {
        return JSON.createObjectNode().put("ClientId", CLIENT_ID);
    }

    private static ObjectNode attribute(String name, String value) {
        return JSON.createObjectNode().put("Name", name).put("Value", value);
    }

    private static ObjectNode passwordAuth(String email, String password) {
        ObjectNode auth = request().put("AuthFlow", "USER_PASSWORD_AUTH");
        auth.putObject("AuthParameters").put("USERNAME", email).put("PASSWORD", password);
        return auth;
    }

    private HttpRequest post(String action, JsonNode body) {
        return api.request("/local-cognito")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + action)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    /** Sends the action; any status but {@code status} (200: done, 400: refused) fails the test. */
    private Response expect(int status, String action, JsonNode body) {
        Response response = api.send(post(action, body));
        if (response.status() != status) {
            throw new AssertionError(action + " answered " + response.status() + ", not " + status + ": " + response.body());
        }
        return response;
    }
}
