package dev.cruddur.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.ApiClient;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browsers may call the API only from FRONTEND_URL, and can then read the paging headers. */
class CorsTest {

    @Test
    void onlyTheFrontendOriginIsAllowed() {
        try (FakeCognitoPool issuer = FakeCognitoPool.start();
             TestServer server = TestServer.trusting(issuer)
                     .environment("FRONTEND_URL", "https://app.cruddur.example/").start()) {
            ApiClient api = server.client();

            Response allowed = api.send(api.request("/api/activities/home").header("Origin", "https://app.cruddur.example").GET().build());
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.cruddur.example");
            assertThat(allowed.header("Access-Control-Expose-Headers")).contains("X-Next-Cursor").contains("X-Request-Id");
            assertThat(allowed.header("X-Request-Id")).matches("[0-9a-f]{32}");

            // Another origin gets the same answer minus the CORS headers: its browser will not
            // let the page read it. CORS is never an error status.
            Response other = api.send(api.request("/api/activities/home").header("Origin", "https://evil.example").GET().build());
            assertThat(other.status()).isEqualTo(200);
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
            assertThat(other.header("Vary")).contains("Origin");

            Response preflight = api.send(api.request("/api/activities")
                    .header("Origin", "https://app.cruddur.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.cruddur.example");
            assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
            assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");

            Response foreignPreflight = api.send(api.request("/api/activities")
                    .header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(foreignPreflight.header("Access-Control-Allow-Origin")).isNull();
            assertThat(foreignPreflight.header("Access-Control-Allow-Methods")).isNull();
        }
    }

    @Test
    void originsThatMerelyLookLikeTheFrontendAreNotAllowed() {
        try (FakeCognitoPool issuer = FakeCognitoPool.start();
             TestServer server = TestServer.trusting(issuer)
                     .environment("FRONTEND_URL", "https://app.cruddur.example").start()) {
            ApiClient api = server.client();
            // A prefix, suffix or "contains" comparison, another scheme or port, the opaque origin
            // of a sandboxed frame or a file: each would let another site's page read the API.
            for (String origin : List.of("https://app.cruddur.example.evil.com", "https://evil-app.cruddur.example",
                    "https://evil.example/https://app.cruddur.example", "http://app.cruddur.example",
                    "https://app.cruddur.example:8443", "https://cruddur.example", "null", "*")) {
                Response get = api.send(api.request("/api/activities/home").header("Origin", origin).GET().build());
                assertThat(get.header("Access-Control-Allow-Origin")).as(origin).isNull();
                assertThat(get.header("Access-Control-Allow-Credentials")).as(origin).isNull();
                assertThat(get.header("Vary")).as(origin).contains("Origin");

                Response preflight = api.send(api.request("/local-cognito")
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type,x-amz-target")
                        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
                assertThat(preflight.header("Access-Control-Allow-Origin")).as(origin).isNull();
                assertThat(preflight.header("Access-Control-Allow-Methods")).as(origin).isNull();
                assertThat(preflight.header("Access-Control-Allow-Headers")).as(origin).isNull();
            }
            // The API uses bearer tokens, not cookies: even the allowed origin gets no credentials mode.
            Response allowed = api.send(api.request("/api/activities/home").header("Origin", "https://app.cruddur.example").GET().build());
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.cruddur.example");
            assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();
            assertThat(allowed.header("Vary")).contains("Origin");
        }
    }

    @Test
    void withoutFrontendUrlNoOriginIsAllowed() {
        try (FakeCognitoPool issuer = FakeCognitoPool.start();
             TestServer server = TestServer.trusting(issuer).start()) {
            ApiClient api = server.client();
            Response response = api.send(api.request("/api/activities/home").header("Origin", "https://app.cruddur.example").GET().build());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void aBusyServerStillLetsTheFrontendReadItsRefusalAndAnswersPreflights(@TempDir Path directory) throws Exception {
        String origin = "https://app.cruddur.example";
        try (TestServer server = TestServer.withLocalIdentity(directory).poolSize(1)
                .environment("FRONTEND_URL", origin).start()) {
            ApiClient api = server.client();
            try (FullAdmission full = new FullAdmission(server)) {
                Response busy = api.send(api.request("/api/activities/home").header("Origin", origin).GET().build());
                assertThat(busy.status()).isEqualTo(503);
                assertThat(busy.errorCodes()).containsExactly("server_busy");
                assertThat(busy.header("Access-Control-Allow-Origin")).as("the page may read the refusal").isEqualTo(origin);
                assertThat(busy.header("Access-Control-Expose-Headers")).contains("Retry-After");

                // A preflight never reaches the database: it is not counted, so it is answered.
                Response preflight = api.send(api.request("/api/activities")
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
                assertThat(preflight.status()).isEqualTo(204);
                assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
            }
        }
    }
}
