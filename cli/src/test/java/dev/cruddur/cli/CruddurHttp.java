package dev.cruddur.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What a client of a running {@code cruddur serve} does, over real HTTP: sign up through the
 * development identity provider (the Cognito JSON protocol at /local-cognito, the code read from
 * the server's output as a developer reads it), then post cruds and replies with the access token.
 */
final class CruddurHttp {

    static final String PASSWORD = "Corr3ct-horse";
    static final String CLIENT_ID = "cruddur-local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CODE_TIMEOUT = Duration.ofSeconds(10);

    private final ServeProcess server;
    private final HttpClient http;
    private final URI base;

    CruddurHttp(ServeProcess server) {
        this.server = server;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = URI.create("http://localhost:" + server.port());
    }

    /** Signs up as {@code handle@example.com} with {@link #PASSWORD}, confirms and signs in: the access token. */
    String signUp(String handle) throws IOException, InterruptedException {
        String email = handle + "@example.com";
        signUpAndConfirm(email, handle, PASSWORD);
        return signIn(email, PASSWORD).path("AccessToken").asText();
    }

    /** Signs up and confirms with the code from the server's output, as a developer does: the code. */
    String signUpAndConfirm(String email, String handle, String password) throws IOException, InterruptedException {
        ObjectNode signUp = JSON.createObjectNode().put("ClientId", CLIENT_ID).put("Username", email)
                .put("Password", password);
        signUp.putArray("UserAttributes")
                .add(JSON.createObjectNode().put("Name", "email").put("Value", email))
                .add(JSON.createObjectNode().put("Name", "name").put("Value", "Tester " + handle))
                .add(JSON.createObjectNode().put("Name", "preferred_username").put("Value", handle));
        cognitoOk("SignUp", signUp);
        String code = awaitCode("Confirmation code", email);
        cognitoOk("ConfirmSignUp", JSON.createObjectNode().put("ClientId", CLIENT_ID).put("Username", email)
                .put("ConfirmationCode", code));
        return code;
    }

    /** USER_PASSWORD_AUTH: the AuthenticationResult (access, id and refresh tokens). */
    JsonNode signIn(String email, String password) throws IOException, InterruptedException {
        ObjectNode signIn = JSON.createObjectNode().put("ClientId", CLIENT_ID).put("AuthFlow", "USER_PASSWORD_AUTH");
        signIn.putObject("AuthParameters").put("USERNAME", email).put("PASSWORD", password);
        return cognitoOk("InitiateAuth", signIn).path("AuthenticationResult");
    }

    /** The six-digit code the development identity provider logged for {@code email} under {@code label}. */
    String awaitCode(String label, String email) throws InterruptedException {
        return server.awaitGroup(Pattern.quote(label + " for " + email + ": ") + "(\\d{6})$", CODE_TIMEOUT);
    }

    /** One Cognito action, whatever it answers; {@code body} is anything Jackson writes as an object. */
    HttpResponse<String> cognito(String action, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/local-cognito"))
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + action)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode cognitoOk(String action, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = cognito(action, body);
        if (response.statusCode() != 200) {
            throw new AssertionError(action + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Any request to the server: {@code path} resolved against its address, the usual timeout. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), BodyHandlers.ofString());
    }

    /** {@code POST /api/activities}: the response as it came. */
    HttpResponse<String> post(String token, String message) throws IOException, InterruptedException {
        return postJson("/api/activities", token,
                JSON.createObjectNode().put("message", message).put("ttl", "7-days").toString());
    }

    /** {@code POST /api/activities/{parent}/reply}. */
    HttpResponse<String> reply(String token, String parent, String message) throws IOException, InterruptedException {
        return postJson("/api/activities/" + parent + "/reply", token,
                JSON.createObjectNode().put("message", message).toString());
    }

    private HttpResponse<String> postJson(String path, String token, String json)
            throws IOException, InterruptedException {
        return send(request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static String uuid(HttpResponse<String> created) {
        return json(created).path("uuid").asText();
    }
}
