package dev.cruddur.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.server.SentCodes;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wire protocol of {@code /local-cognito} as a client without an SDK sees it: Cognito's
 * content type, error shapes and headers, for malformed and unexpected requests too; the JWKS;
 * and {@code GET /api/config} in local mode.
 */
class LocalCognitoProtocolTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    private static final String AMZ_JSON = "application/x-amz-json-1.1";


    private static Response call(String target, String body) {
        HttpRequest.Builder request = app.api().request("/local-cognito")
                .header("Content-Type", AMZ_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return app.api().send(request.build());
    }

    private static void assertError(Response response, int status, String type, String messagePart) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith(AMZ_JSON);
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo(type + ":");
        JsonNode body = response.json();
        assertThat(body.get("__type").asText()).isEqualTo(type);
        assertThat(body.get("message").asText()).contains(messagePart);
        assertThat(response.body()).doesNotContain("\tat ").doesNotContain("dev.cruddur").doesNotContain("Exception:");
    }

    @Test
    void unknownAndMissingActionsAreUnknownOperations() {
        assertError(call("AWSCognitoIdentityProviderService.AdminDeleteUser", "{}"), 400, "UnknownOperationException",
                "supports ConfirmForgotPassword, ConfirmSignUp, ForgotPassword, GetUser, GlobalSignOut, InitiateAuth,"
                        + " ResendConfirmationCode, RevokeToken, SignUp");
        assertError(call("DynamoDB_20120810.GetItem", "{}"), 400, "UnknownOperationException", "X-Amz-Target");
        assertError(call(null, "{}"), 400, "UnknownOperationException", "X-Amz-Target");
    }

    @Test
    void aBodyCutOffBeforeItsAnnouncedLengthIsAnInvalidParameterNotA500() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", app.server().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /local-cognito HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + AMZ_JSON
                    + "\r\nX-Amz-Target: AWSCognitoIdentityProviderService.SignUp\r\nContent-Length: 100\r\n"
                    + "Connection: close\r\n\r\n{\"ClientId\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400 ")
                    .contains("{\"__type\":\"InvalidParameterException\",\"message\":\"The request body is incomplete.\"}");
        }
    }

    @Test
    void malformedBodiesAreInvalidParameters() {
        String signUp = "AWSCognitoIdentityProviderService.SignUp";
        assertError(call(signUp, "{\"ClientId\":"), 400, "InvalidParameterException", "not valid JSON");
        assertError(call(signUp, "[1,2]"), 400, "InvalidParameterException", "JSON object");
        assertError(call(signUp, ""), 400, "InvalidParameterException", "JSON object");
        assertError(call(signUp, "{\"ClientId\":\"cruddur-local\",\"ClientId\":\"x\"}"), 400, "InvalidParameterException",
                "not valid JSON");
        assertError(call(signUp, "{\"ClientId\":\"cruddur-local\",\"Username\":5}"), 400, "InvalidParameterException",
                "Username must be a string");
        assertError(call(signUp, "{\"ClientId\":\"cruddur-local\",\"Username\":\"a@example.com\",\"Password\":\"Passw0rd!\","
                + "\"UserAttributes\":{\"name\":\"x\"}}"), 400, "InvalidParameterException", "UserAttributes");
        assertError(call(signUp, "{\"ClientId\":\"cruddur-local\",\"Username\":\"a@example.com\",\"Password\":\"Passw0rd!\","
                + "\"UserAttributes\":[{\"Name\":\"custom:team\",\"Value\":\"x\"}]}"), 400, "InvalidParameterException",
                "custom:team: Attribute does not exist in the schema.");
        assertError(call(signUp, "{\"ClientId\":\"cruddur-local\",\"Username\":\"not-an-email\",\"Password\":\"Passw0rd!\"}"),
                400, "InvalidParameterException", "Username should be an email.");
        assertError(call(signUp, "{\"Username\":\"a@example.com\"}"), 400, "InvalidParameterException",
                "Value null at 'clientId' failed to satisfy constraint: Member must not be null");
        assertError(call("AWSCognitoIdentityProviderService.InitiateAuth",
                        "{\"ClientId\":\"cruddur-local\",\"AuthFlow\":\"USER_SRP_AUTH\",\"AuthParameters\":{}}"),
                400, "InvalidParameterException", "USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH");
        assertError(call("AWSCognitoIdentityProviderService.InitiateAuth",
                        "{\"ClientId\":\"cruddur-local\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":\"a@example.com\"}}"),
                400, "InvalidParameterException", "Missing required parameter PASSWORD");
        assertError(call(signUp, "{\"ClientId\":\"cruddur-local\",\"Username\":\"" + "x".repeat(70_000) + "\"}"),
                400, "InvalidParameterException", "too large");
    }

    @Test
    void textPostgresCannotStoreIsAnInvalidParameterInEveryAction() {
        // \u0000 in JSON is U+0000, which PostgreSQL refuses in text: bad input, never a 500.
        String nul = "a\\u0000@example.com";
        for (String action : List.of("SignUp", "ConfirmSignUp", "ResendConfirmationCode", "ForgotPassword",
                "ConfirmForgotPassword")) {
            assertError(call("AWSCognitoIdentityProviderService." + action,
                            "{\"ClientId\":\"cruddur-local\",\"Username\":\"" + nul + "\",\"Password\":\"Passw0rd!\","
                                    + "\"ConfirmationCode\":\"123456\"}"),
                    400, "InvalidParameterException", "NUL");
        }
        assertError(call("AWSCognitoIdentityProviderService.InitiateAuth",
                        "{\"ClientId\":\"cruddur-local\",\"AuthFlow\":\"USER_PASSWORD_AUTH\","
                                + "\"AuthParameters\":{\"USERNAME\":\"" + nul + "\",\"PASSWORD\":\"Passw0rd!\"}}"),
                400, "InvalidParameterException", "NUL");
        assertError(call("AWSCognitoIdentityProviderService.SignUp",
                        "{\"ClientId\":\"cruddur-local\",\"Username\":\"n@example.com\",\"Password\":\"Passw0rd!\","
                                + "\"UserAttributes\":[{\"Name\":\"name\",\"Value\":\"N\\u0000\"}]}"),
                400, "InvalidParameterException", "NUL");
    }

    @Test
    void aUsernameWithSurroundingSpacesIsTheSameAccountEverywhere() {
        assertThat(call("AWSCognitoIdentityProviderService.SignUp", """
                {"ClientId":"cruddur-local","Username":" spaced@example.com ","Password":"Passw0rd!",
                 "UserAttributes":[{"Name":"preferred_username","Value":"spaced"}]}""").status()).isEqualTo(200);

        assertError(call("AWSCognitoIdentityProviderService.ConfirmSignUp",
                        "{\"ClientId\":\"cruddur-local\",\"Username\":\"  spaced@example.com\",\"ConfirmationCode\":\"000000\"}"),
                400, "CodeMismatchException", "Invalid verification code");
        assertError(call("AWSCognitoIdentityProviderService.InitiateAuth",
                        "{\"ClientId\":\"cruddur-local\",\"AuthFlow\":\"USER_PASSWORD_AUTH\","
                                + "\"AuthParameters\":{\"USERNAME\":\"spaced@example.com \",\"PASSWORD\":\"Passw0rd!\"}}"),
                400, "UserNotConfirmedException", "not confirmed");
    }

    @Test
    void anotherClientIdIsAResourceNotFound() {
        assertError(call("AWSCognitoIdentityProviderService.ForgotPassword",
                        "{\"ClientId\":\"someone-else\",\"Username\":\"a@example.com\"}"),
                400, "ResourceNotFoundException", "cruddur-local");
    }

    @Test
    void successfulAnswersUseCognitosContentType() {
        Response signUp = call("AWSCognitoIdentityProviderService.SignUp", """
                {"ClientId":"cruddur-local","Username":"wire@example.com","Password":"Passw0rd!",
                 "UserAttributes":[{"Name":"name","Value":"Wire"},{"Name":"preferred_username","Value":"wire"}]}""");
        assertThat(signUp.status()).as(signUp.body()).isEqualTo(200);
        assertThat(signUp.header("Content-Type")).startsWith(AMZ_JSON);
        JsonNode body = signUp.json();
        assertThat(body.get("UserConfirmed").asBoolean()).isFalse();
        assertThat(body.get("UserSub").asText()).hasSize(36);
        assertThat(body.get("CodeDeliveryDetails").toString())
                .isEqualTo("{\"Destination\":\"w***@e***\",\"DeliveryMedium\":\"EMAIL\",\"AttributeName\":\"email\"}");
        assertThat(signUp.body()).doesNotContain(SentCodes.confirmationCode("wire@example.com"));
    }

    @Test
    void aCodeWorksOnceEvenForConcurrentRequests() throws Exception {
        String email = "race@example.com";
        assertThat(call("AWSCognitoIdentityProviderService.SignUp", """
                {"ClientId":"cruddur-local","Username":"race@example.com","Password":"Passw0rd!",
                 "UserAttributes":[{"Name":"preferred_username","Value":"racer"}]}""").status()).isEqualTo(200);
        String confirm = "{\"ClientId\":\"cruddur-local\",\"Username\":\"" + email + "\",\"ConfirmationCode\":\""
                + SentCodes.confirmationCode(email) + "\"}";
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> call("AWSCognitoIdentityProviderService.ConfirmSignUp", confirm));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> result : pool.invokeAll(calls)) {
                statuses.add(result.get().status());
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 400);
        } finally {
            pool.shutdownNow();
        }
        int users = app.server().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM users WHERE handle = 'racer'").mapTo(Integer.class).one());
        assertThat(users).isEqualTo(1);
    }

    @Test
    void theJwksPublishesThePublicKeyOnly() {
        Response jwks = app.api().get("/local-cognito/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        JsonNode keys = jwks.json().get("keys");
        assertThat(keys).hasSize(1);
        JsonNode key = keys.get(0);
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.get("alg").asText()).isEqualTo("RS256");
        assertThat(key.get("use").asText()).isEqualTo("sig");
        assertThat(key.get("kid").asText()).isNotBlank();
        assertThat(key.has("n") && key.has("e")).isTrue();
        assertThat(key.has("d") || key.has("p") || key.has("q") || key.has("dp") || key.has("dq") || key.has("qi")).isFalse();
    }

    @Test
    void configTellsClientsToUseTheDevelopmentProvider() {
        Response config = app.api().get("/api/config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().toString()).isEqualTo("{\"identity_mode\":\"local\",\"cognito_endpoint\":\"/local-cognito\","
                + "\"region\":\"local\",\"user_pool_id\":\"local_cruddur\",\"client_id\":\"cruddur-local\"}");
        assertThat(app.api().get("/api").json().get("endpoints").toString())
                .contains("GET /api/config", "POST /local-cognito", "GET /local-cognito/.well-known/jwks.json");
    }

    @Test
    void writesWithoutATokenAndWithAForgedOneAreStill401() {
        assertThat(app.api().postJson("/api/activities", "{\"message\":\"x\",\"ttl\":\"1-hour\"}", null).errorCodes())
                .containsExactly("token_missing");
        Response forged = app.api().postJson("/api/activities", "{\"message\":\"x\",\"ttl\":\"1-hour\"}", "eyJhbGciOiJub25lIn0.e30.");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.errorCodes()).containsExactly("token_invalid");
    }
}
