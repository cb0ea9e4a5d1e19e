package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.TestServer;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.RawHttp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS rebinding: a page on {@code evil.example} whose name is made to resolve to 127.0.0.1 can
 * make the browser send requests to the local server, as same-origin requests of
 * {@code evil.example}: it could sign up, read answers and post. What gives it away is the
 * {@code Host} header, which names the attacker's domain. In local mode (the development
 * identity provider) only loopback names are answered, plus those of {@code ALLOWED_HOSTS};
 * with Cognito only the allow-list counts, when there is one. The health check answers any name.
 */
class AllowedHostsTest {

    @TempDir
    static Path dataDirectory;
    private static TestServer local;

    @BeforeAll
    static void start() {
        local = TestServer.withLocalIdentity(dataDirectory).start();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:{port}", "LocalHost:{port}", "127.0.0.1", "127.0.0.1:{port}",
        "127.1.2.3:{port}", "[::1]", "[::1]:{port}"})
    void loopbackNamesAreAnswered(String host) throws IOException {
        RawHttp.Response config = RawHttp.exchange(local.port(), RawHttp.get("/api/config", port(host, local)));

        assertThat(config.status()).as(config.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:{port}", "localhost.evil.example:{port}",
        "127.0.0.1.evil.example", "127.0.0.1.nip.io:{port}", "0.0.0.0:{port}", "192.168.1.10:{port}",
        "10.0.0.1", "[::ffff:7f00:1]:{port}", "[2001:db8::1]:{port}", "me.localhost", "localhostx"})
    void otherNamesAreRefusedInLocalMode(String host) throws IOException {
        for (String path : List.of("/", "/js/app.js", "/api/activities/home", "/api/config",
                "/local-cognito/.well-known/jwks.json", "/nothing/here")) {
            RawHttp.Response answer = RawHttp.exchange(local.port(), RawHttp.get(path, port(host, local)));

            assertThat(answer.status()).as(host + " " + path + ": " + answer.body()).isEqualTo(403);
            assertThat(answer.header("Content-Type")).as(path).startsWith("application/json");
            assertThat(answer.body()).as(path).contains("\"error\":\"host_not_allowed\"");
            assertThat(answer.header("Content-Security-Policy")).as(path).contains("default-src 'self'");
        }
    }

    @Test
    void theHealthCheckAnswersWhateverTheNameForLoadBalancersThatCallItByAddress() throws IOException {
        RawHttp.Response health = RawHttp.exchange(local.port(), RawHttp.get("/api/health-check", "10.0.3.7:4567"));

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\",\"database\":\"up\"}");
    }

    @Test
    void theIdentityProvidersActionsAreRefusedInCognitosShape() throws IOException {
        String signUp = "{\"ClientId\":\"cruddur-local\",\"Username\":\"rebound@example.com\",\"Password\":\"Passw0rd!\"}";
        RawHttp.Response answer = RawHttp.exchange(local.port(), "POST /local-cognito HTTP/1.1\r\n"
                + "Host: evil.example:" + local.port() + "\r\n"
                + "X-Amz-Target: AWSCognitoIdentityProviderService.SignUp\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: " + signUp.length() + "\r\n"
                + "Connection: close\r\n\r\n" + signUp);

        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.header("x-amzn-ErrorType")).isEqualTo("ForbiddenException:");
        assertThat(answer.body()).contains("\"__type\":\"ForbiddenException\"");
        // Nothing was signed up: the same sign-up from a loopback name is not a duplicate.
        RawHttp.Response again = RawHttp.exchange(local.port(), "POST /local-cognito HTTP/1.1\r\n"
                + "Host: localhost:" + local.port() + "\r\n"
                + "X-Amz-Target: AWSCognitoIdentityProviderService.SignUp\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: " + signUp.length() + "\r\n"
                + "Connection: close\r\n\r\n" + signUp);
        assertThat(again.body()).doesNotContain("UsernameExistsException");
    }

    @Test
    void aRequestWithoutAHostIsNotABrowsersAndIsAnswered() throws IOException {
        // HTTP/1.0 may leave Host out; a browser never does, so no rebinding can hide here.
        RawHttp.Response config = RawHttp.exchange(local.port(), "GET /api/config HTTP/1.0\r\n\r\n");

        assertThat(config.status()).isEqualTo(200);
    }

    @Test
    void theAllowListAddsNamesInLocalMode(@TempDir Path otherDirectory) throws IOException {
        try (TestServer server = TestServer.withLocalIdentity(otherDirectory)
                .environment("ALLOWED_HOSTS", "devbox.example,Cruddur.Test").start()) {
            assertThat(status(server, "devbox.example:" + server.port())).isEqualTo(200);
            assertThat(status(server, "cruddur.test")).isEqualTo(200);
            assertThat(status(server, "localhost:" + server.port())).isEqualTo(200);
            assertThat(status(server, "evil.example")).isEqualTo(403);
            assertThat(status(server, "sub.devbox.example")).isEqualTo(403);
        }
    }

    @Test
    void withCognitoAnyNameIsAnsweredUnlessThereIsAnAllowList() throws IOException {
        try (FakeCognitoPool issuer = FakeCognitoPool.start(); TestServer open = TestServer.trusting(issuer).start()) {
            assertThat(status(open, "cruddur.example.com")).isEqualTo(200);
            assertThat(status(open, "evil.example")).isEqualTo(200);
        }
        try (FakeCognitoPool issuer = FakeCognitoPool.start();
             TestServer listed = TestServer.trusting(issuer)
                     .environment("ALLOWED_HOSTS", "cruddur.example.com").start()) {
            assertThat(status(listed, "cruddur.example.com")).isEqualTo(200);
            assertThat(status(listed, "cruddur.example.com:443")).isEqualTo(200);
            assertThat(status(listed, "localhost:" + listed.port())).isEqualTo(200);
            assertThat(status(listed, "evil.example")).isEqualTo(403);
        }
    }

    private static int status(TestServer server, String host) throws IOException {
        return RawHttp.exchange(server.port(), RawHttp.get("/api/config", host)).status();
    }

    private static String port(String host, TestServer server) {
        return host.replace("{port}", String.valueOf(server.port()));
    }
}
