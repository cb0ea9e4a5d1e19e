package dev.cruddur.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;

/**
 * A local stand-in for the AWS Parameters and Secrets Lambda Extension, over a real socket
 * (WireMock, as ops' AwsStub stands in for the AWS APIs): {@code GET /secretsmanager/get?secretId=ARN}
 * with the header {@code X-Aws-Parameters-Secrets-Token} (the function's {@code AWS_SESSION_TOKEN}),
 * answered with Secrets Manager's GetSecretValue JSON and the secret's value at that moment: the
 * cache is off, as {@code lambda deploy} configures the extension, so a rotated secret shows at
 * once. What the real extension does between the function and Secrets Manager (signing, the
 * network, IAM) needs AWS and is not stood in for.
 */
final class SecretsExtensionStandIn implements AutoCloseable {

    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1a2b3c4d-AbCdEf";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEStandInSessionTokenForTheFunction";
    private static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";

    /** One request as it arrived. */
    record Request(String path, String secretId, String token) {
    }

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    /** Refuses, as the extension does, any other path or method, a request without the token, and another secret. */
    SecretsExtensionStandIn() {
        server.start();
        server.stubFor(any(anyUrl()).atPriority(9).willReturn(text(404, "not found")));
        server.stubFor(get(urlPathEqualTo("/secretsmanager/get")).atPriority(8)
                .willReturn(text(401, TOKEN_HEADER + " header is missing or invalid")));
        server.stubFor(withToken().atPriority(7)
                .willReturn(text(400, "ResourceNotFoundException: Secrets Manager can't find the specified secret.")));
    }

    /** What the secret holds from now on, as RDS writes a managed master secret. */
    void holds(String username, String password) {
        holdsRaw(new JSONObject().put("username", username).put("password", password).toString());
    }

    /** The secret's raw SecretString from now on. */
    void holdsRaw(String value) {
        server.stubFor(withToken().withQueryParam("secretId", equalTo(SECRET_ARN)).atPriority(5).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(new JSONObject().put("ARN", SECRET_ARN).put("Name", "rds!db-1a2b3c4d")
                        .put("VersionId", "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111").put("SecretString", value)
                        .put("VersionStages", List.of("AWSCURRENT")).put("CreatedDate", "2024-05-01T10:15:00.123Z").toString())));
    }

    /** Answers every request with {@code status} and an error body, as the extension relays an AWS refusal. */
    void failWith(int status) {
        server.stubFor(withToken().atPriority(1).willReturn(text(status, "AccessDeniedException: User: "
                + "arn:aws:sts::123456789012:assumed-role/cruddur-lambda/cruddur-PostConfirmation is not authorized to"
                + " perform: secretsmanager:GetSecretValue on resource: " + SECRET_ARN)));
    }

    /** Every request, oldest first. */
    List<Request> requests() {
        return server.findAll(anyRequestedFor(anyUrl())).stream().map(request -> {
            QueryParameter secretId = request.queryParameter("secretId");
            return new Request(request.getUrl().replaceFirst("\\?.*", ""), secretId.isPresent() ? secretId.firstValue() : null,
                    request.getHeader(TOKEN_HEADER));
        }).toList();
    }

    /** The function's environment as {@code lambda deploy} sets it: a URL without credentials, and where the secret is. */
    Map<String, String> functionEnvironment(String urlWithoutCredentials) {
        return Map.of("CONNECTION_URL", urlWithoutCredentials,
                "DATABASE_SECRET_ARN", SECRET_ARN,
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(server.port()),
                "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", "false",
                "AWS_SESSION_TOKEN", SESSION_TOKEN);
    }

    private static MappingBuilder withToken() {
        return get(urlPathEqualTo("/secretsmanager/get")).withHeader(TOKEN_HEADER, equalTo(SESSION_TOKEN));
    }

    private static ResponseDefinitionBuilder text(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/plain").withBody(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
