package dev.cruddur.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.http.ApiClient;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With a Cognito issuer configured, the server tells clients to use it and runs no provider of its own. */
class CognitoModeConfigTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    @Test
    void configNamesThePoolAndLocalCognitoDoesNotExist() {
        ApiClient api = app.api();
        assertThat(api.get("/api/config").json().toString()).isEqualTo("{\"identity_mode\":\"cognito\","
                + "\"cognito_endpoint\":\"" + app.pool().endpoint() + "\",\"region\":\"us-east-1\","
                + "\"user_pool_id\":null,\"client_id\":\"test-app-client\"}");

        ApiClient.Response local = api.send(api.request("/local-cognito")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.SignUp")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(local.status()).isEqualTo(404);
        assertThat(api.get("/local-cognito/.well-known/jwks.json").status()).isEqualTo(404);
        assertThat(api.get("/api").json().get("endpoints").toString()).contains("GET /api/config").doesNotContain("local-cognito");
    }
}
