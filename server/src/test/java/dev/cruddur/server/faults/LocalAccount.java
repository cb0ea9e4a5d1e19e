package dev.cruddur.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cruddur.server.ApiClient;
import dev.cruddur.server.ServerLog;
import java.net.http.HttpRequest;

/**
 * A person signed up, confirmed and signed in through the server's development identity
 * provider, over HTTP in Cognito's JSON protocol, as the web app does it.
 */
record LocalAccount(String email, String handle, String accessToken) {

    static final String PASSWORD = "Corr3ct-horse";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static LocalAccount signUp(ApiClient api, String handle) {
        String email = handle + "@example.com";
        ObjectNode signUp = request().put("Username", email).put("Password", PASSWORD);
        var attributes = signUp.putArray("UserAttributes");
        attributes.addObject().put("Name", "email").put("Value", email);
        attributes.addObject().put("Name", "name").put("Value", "Fault " + handle);
        attributes.addObject().put("Name", "preferred_username").put("Value", handle);
        expectOk(api, "SignUp", signUp);
        expectOk(api, "ConfirmSignUp", request().put("Username", email)
                .put("ConfirmationCode", ServerLog.confirmationCode(email)));
        JsonNode auth = expectOk(api, "InitiateAuth", signIn(email));
        return new LocalAccount(email, handle, auth.path("AuthenticationResult").path("AccessToken").asText());
    }

    /** The body of an InitiateAuth with this person's password. */
    static ObjectNode signIn(String email) {
        ObjectNode body = request().put("AuthFlow", "USER_PASSWORD_AUTH");
        body.putObject("AuthParameters").put("USERNAME", email).put("PASSWORD", PASSWORD);
        return body;
    }

    static HttpRequest action(ApiClient api, String action, ObjectNode body) {
        return api.request("/local-cognito")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + action)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private static ObjectNode request() {
        return MAPPER.createObjectNode().put("ClientId", "cruddur-local");
    }

    private static JsonNode expectOk(ApiClient api, String action, ObjectNode body) {
        ApiClient.Response response = api.send(action(api, action, body));
        if (response.status() != 200) {
            throw new AssertionError(action + " answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }
}
