package dev.cruddur.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cruddur.server.ApiClient;
import dev.cruddur.server.ServerLog;
import java.net.http.HttpRequest;

/**
 * People the tests need besides the one they sign up in the browser: signed up, confirmed (with
 * the code from the server log) and signed in through the development provider's Cognito
 * protocol over HTTP, as any Cognito client would. Their access tokens post cruds over the API.
 */
final class DevAccounts {

    /** Meets Cognito's default password policy. */
    static final String PASSWORD = "Corr3ct-horse!";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ApiClient api;

    DevAccounts(ApiClient api) {
        this.api = api;
    }

    /** Signs up and confirms; returns an access token (valid for the server's token lifetime). */
    String create(String email, String name, String handle) {
        ObjectNode signUp = MAPPER.createObjectNode().put("ClientId", "cruddur-local").put("Username", email)
                .put("Password", PASSWORD);
        signUp.putArray("UserAttributes")
                .add(MAPPER.createObjectNode().put("Name", "name").put("Value", name))
                .add(MAPPER.createObjectNode().put("Name", "preferred_username").put("Value", handle));
        call("SignUp", signUp);
        call("ConfirmSignUp", MAPPER.createObjectNode().put("ClientId", "cruddur-local").put("Username", email)
                .put("ConfirmationCode", ServerLog.confirmationCode(email)));
        return signIn(email);
    }

    String signIn(String email) {
        ObjectNode auth = MAPPER.createObjectNode().put("ClientId", "cruddur-local").put("AuthFlow", "USER_PASSWORD_AUTH");
        auth.putObject("AuthParameters").put("USERNAME", email).put("PASSWORD", PASSWORD);
        return call("InitiateAuth", auth).get("AuthenticationResult").get("AccessToken").asText();
    }

    /** Tries a wrong password this many times; each must be refused. */
    void wrongPasswords(String email, int times) {
        for (int i = 0; i < times; i++) {
            ObjectNode auth = MAPPER.createObjectNode().put("ClientId", "cruddur-local").put("AuthFlow", "USER_PASSWORD_AUTH");
            auth.putObject("AuthParameters").put("USERNAME", email).put("PASSWORD", "Wr0ng-password!");
            refused("InitiateAuth", auth);
        }
    }

    /** Tries a wrong confirmation code this many times; each must be refused. */
    void wrongConfirmationCodes(String email, int times) {
        String wrong = String.format("%06d", (Integer.parseInt(ServerLog.confirmationCode(email)) + 1) % 1_000_000);
        for (int i = 0; i < times; i++) {
            refused("ConfirmSignUp", MAPPER.createObjectNode().put("ClientId", "cruddur-local").put("Username", email)
                    .put("ConfirmationCode", wrong));
        }
    }

    /** Posts a crud as the token's user; returns its uuid. */
    String post(String token, String message, String ttl) {
        String body = MAPPER.createObjectNode().put("message", message).put("ttl", ttl).toString();
        ApiClient.Response response = api.postJson("/api/activities", body, token);
        if (response.status() != 201) {
            throw new AssertionError("posting failed: " + response.status() + " " + response.body());
        }
        return response.json().get("uuid").asText();
    }

    String reply(String token, String parentUuid, String message) {
        String body = MAPPER.createObjectNode().put("message", message).toString();
        ApiClient.Response response = api.postJson("/api/activities/" + parentUuid + "/reply", body, token);
        if (response.status() != 201) {
            throw new AssertionError("replying failed: " + response.status() + " " + response.body());
        }
        return response.json().get("uuid").asText();
    }

    private void refused(String action, ObjectNode body) {
        ApiClient.Response response = send(action, body);
        if (response.status() != 400) {
            throw new AssertionError(action + " was not refused: " + response.status() + " " + response.body());
        }
    }

    private ApiClient.Response send(String action, ObjectNode body) {
        return api.send(api.request("/local-cognito")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + action)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    private JsonNode call(String action, ObjectNode body) {
        ApiClient.Response response = send(action, body);
        if (response.status() != 200) {
            throw new AssertionError(action + " failed: " + response.status() + " " + response.body());
        }
        return response.json();
    }
}
