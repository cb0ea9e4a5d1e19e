package dev.cruddur.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;

/**
 * People a test needs, made through the development identity provider's Cognito protocol over
 * plain HTTP, as the web app or any Cognito client without an SDK makes them: signed up,
 * confirmed with the code from the server log, and signed in. Their access tokens post cruds
 * over the API. (The tests of the provider itself go through the AWS SDK instead, see
 * {@code identity.LocalCognito}.)
 */
public final class DevAccounts {

    /** Meets Cognito's default password policy: upper, lower, digit, symbol, 8+ characters. */
    public static final String PASSWORD = "Corr3ct-horse!";
    public static final String CLIENT_ID = "cruddur-local";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ApiClient api;

    public DevAccounts(ApiClient api) {
        this.api = api;
    }

    /** Signs up and confirms; returns an access token (valid for the server's token lifetime). */
    public String create(String email, String name, String handle) {
        ObjectNode signUp = request().put("Username", email).put("Password", PASSWORD);
        signUp.putArray("UserAttributes")
                .add(MAPPER.createObjectNode().put("Name", "name").put("Value", name))
                .add(MAPPER.createObjectNode().put("Name", "preferred_username").put("Value", handle));
        call("SignUp", signUp);
        call("ConfirmSignUp", request().put("Username", email).put("ConfirmationCode", SentCodes.confirmationCode(email)));
        return signIn(email);
    }

    /** Signs in with the password; returns an access token. */
    public String signIn(String email) {
        return call("InitiateAuth", signInBody(email, PASSWORD)).get("AuthenticationResult").get("AccessToken").asText();
    }

    /** The sign-in, unsent, for a test that sends it itself and looks at whatever comes back. */
    public HttpRequest signInRequest(String email) {
        return action("InitiateAuth", signInBody(email, PASSWORD));
    }

    /** A {@code REFRESH_TOKEN_AUTH} with this refresh token, answered as it comes (200 or Cognito's error). */
    public ApiClient.Response refresh(String refreshToken) {
        ObjectNode auth = request().put("AuthFlow", "REFRESH_TOKEN_AUTH");
        auth.putObject("AuthParameters").put("REFRESH_TOKEN", refreshToken);
        return api.send(action("InitiateAuth", auth));
    }

    /** Tries a wrong password this many times; each must be refused. */
    public void wrongPasswords(String email, int times) {
        for (int i = 0; i < times; i++) {
            refused("InitiateAuth", signInBody(email, "Wr0ng-password!"));
        }
    }

    /** Tries a wrong confirmation code this many times; each must be refused. */
    public void wrongConfirmationCodes(String email, int times) {
        String wrong = otherThan(SentCodes.confirmationCode(email));
        for (int i = 0; i < times; i++) {
            refused("ConfirmSignUp", request().put("Username", email).put("ConfirmationCode", wrong));
        }
    }

    /** Posts a crud as the token's user; returns its uuid. */
    public String post(String token, String message, String ttl) {
        String body = MAPPER.createObjectNode().put("message", message).put("ttl", ttl).toString();
        return created("posting", api.postJson("/api/activities", body, token));
    }

    public String reply(String token, String parentUuid, String message) {
        String body = MAPPER.createObjectNode().put("message", message).toString();
        return created("replying", api.postJson("/api/activities/" + parentUuid + "/reply", body, token));
    }

    /** A code of six digits that is certainly not {@code code}. */
    public static String otherThan(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private static String created(String what, ApiClient.Response response) {
        if (response.status() != 201) {
            throw new AssertionError(what + " failed: " + response.status() + " " + response.body());
        }
        return response.json().get("uuid").asText();
    }

    private static ObjectNode request() {
        return MAPPER.createObjectNode().put("ClientId", CLIENT_ID);
    }

    private static ObjectNode signInBody(String email, String password) {
        ObjectNode auth = request().put("AuthFlow", "USER_PASSWORD_AUTH");
        auth.putObject("AuthParameters").put("USERNAME", email).put("PASSWORD", password);
        return auth;
    }

    private HttpRequest action(String action, ObjectNode body) {
        return api.request("/local-cognito")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + action)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private void refused(String action, ObjectNode body) {
        ApiClient.Response response = api.send(action(action, body));
        if (response.status() != 400) {
            throw new AssertionError(action + " was not refused: " + response.status() + " " + response.body());
        }
    }

    private JsonNode call(String action, ObjectNode body) {
        ApiClient.Response response = api.send(action(action, body));
        if (response.status() != 200) {
            throw new AssertionError(action + " failed: " + response.status() + " " + response.body());
        }
        return response.json();
    }
}
