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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client of a running {@code cruddur serve} does, over real HTTP: sign up through the
 * development identity provider (the Cognito JSON protocol at /local-cognito, the code read from
 * the server's output as a developer reads it), then post cruds and replies with the access token.
 */
final class CruddurHttp {

    static final String PASSWORD = "Corr3ct-horse";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ServeJar server;
    private final HttpClient http;
    private final String base;

    CruddurHttp(ServeJar server) {
        this.server = server;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = "http://localhost:" + server.port();
    }

    /** Signs up, confirms with the code from the server's output and signs in: the access token. */
    String signUp(String handle) throws IOException, InterruptedException {
        String email = handle + "@example.com";
        ObjectNode signUp = JSON.createObjectNode().put("ClientId", "cruddur-local").put("Username", email)
                .put("Password", PASSWORD);
        signUp.putArray("UserAttributes")
                .add(JSON.createObjectNode().put("Name", "email").put("Value", email))
                .add(JSON.createObjectNode().put("Name", "name").put("Value", "Tester " + handle))
                .add(JSON.createObjectNode().put("Name", "preferred_username").put("Value", handle));
        cognito("SignUp", signUp);
        String code = server.awaitLine(Pattern.quote("Confirmation code for " + email + ": ") + "\\d{6}$",
                Duration.ofSeconds(10));
        Matcher digits = Pattern.compile("(\\d{6})$").matcher(code);
        if (!digits.find()) {
            throw new AssertionError(code);
        }
        cognito("ConfirmSignUp", JSON.createObjectNode().put("ClientId", "cruddur-local").put("Username", email)
                .put("ConfirmationCode", digits.group(1)));
        ObjectNode signIn = JSON.createObjectNode().put("ClientId", "cruddur-local").put("AuthFlow", "USER_PASSWORD_AUTH");
        signIn.putObject("AuthParameters").put("USERNAME", email).put("PASSWORD", PASSWORD);
        return cognito("InitiateAuth", signIn).path("AuthenticationResult").path("AccessToken").asText();
    }

    private JsonNode cognito(String action, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/local-cognito"))
                .timeout(TIMEOUT)
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + action)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(BodyPublishers.ofString(body.toString())).build(), BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(action + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
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
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)).build(), BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(),
                BodyHandlers.ofString());
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
