package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.TestServer;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of response, from Javalin or from Jetty itself, carries the browser security headers. */
class SecurityHeadersTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();


    @ParameterizedTest
    @ValueSource(strings = {
        "/",                          // the page
        "/signin",                    // one of the app's addresses, answered with the page
        "/js/app.js",                 // a script
        "/app.css",                   // a style sheet
        "/images/bomb.svg",           // an image (SVG can hold script: nosniff and the CSP matter)
        "/api/activities/home",       // API JSON
        "/api/config",
        "/api/health-check",
        "/api/activities/not-a-uuid", // a 4xx from a route
        "/nothing/here",              // a 404 from no route
    })
    void everyResponseFromTheAppHasThem(String path) {
        Response response = app.api().get(path);

        assertThat(response.status()).isLessThan(500);
        assertSecurityHeaders(path, lowerCaseKeys(response.raw().headers().map()));
    }

    @Test
    void aRejectedWriteHasThem() {
        Response unauthorized = app.api().postJson("/api/activities", "{\"message\":\"hi\",\"ttl\":\"7-days\"}", null);
        Response badToken = app.api().postJson("/api/activities", "{\"message\":\"hi\",\"ttl\":\"7-days\"}", "not-a-token");
        Response wrongMethod = app.api().send(app.api().request("/api/health-check").DELETE().build());

        assertThat(unauthorized.status()).isEqualTo(401);
        assertSecurityHeaders("401", lowerCaseKeys(unauthorized.raw().headers().map()));
        assertSecurityHeaders("bad token", lowerCaseKeys(badToken.raw().headers().map()));
        assertSecurityHeaders("wrong method", lowerCaseKeys(wrongMethod.raw().headers().map()));
    }

    @Test
    void jettysOwnErrorAnswersHaveThemToo() throws IOException {
        // A request line Jetty cannot parse never reaches Javalin: JsonErrorPages answers it.
        RawResponse badRequestLine = raw("GET /a b c HTTP/1.1\r\nHost: localhost\r\n\r\n");
        // Headers past the 16 KiB limit: Jetty again.
        RawResponse hugeHeader = raw("GET /api/health-check HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        // An undecodable path: Jetty's error page, not Javalin's.
        RawResponse badPath = raw("GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(badRequestLine.status()).isEqualTo(400);
        assertSecurityHeaders("bad request line", badRequestLine.headers());
        assertThat(hugeHeader.status()).isEqualTo(431);
        assertSecurityHeaders("oversized headers", hugeHeader.headers());
        assertThat(badPath.status()).isEqualTo(400);
        assertSecurityHeaders("undecodable path", badPath.headers());
    }

    @Test
    void inLocalModeThePageMayConnectOnlyToItsOwnServer() {
        String csp = app.api().get("/").header("Content-Security-Policy");

        assertThat(directive(csp, "connect-src")).isEqualTo("connect-src 'self'");
    }

    @Test
    void inCognitoModeThePageMayAlsoConnectToTheUserPoolEndpoint() {
        try (FakeCognitoPool issuer = FakeCognitoPool.start();
             TestServer cognito = TestServer.trusting(issuer).start()) {
            URI endpoint = URI.create(cognito.client().get("/api/config").json().path("cognito_endpoint").asText());
            String csp = cognito.client().get("/").header("Content-Security-Policy");

            assertThat(directive(csp, "connect-src"))
                    .isEqualTo("connect-src 'self' " + endpoint.getScheme() + "://" + endpoint.getHost() + ":" + endpoint.getPort());
        }
    }

    @Test
    void theSecurityHeadersOnCognitoEndpointsOriginOnlyNoPath() {
        SecurityHeaders headers = new SecurityHeaders(java.util.Optional.of(URI.create("https://cognito-idp.us-east-1.amazonaws.com/")));

        assertThat(directive(headers.headers().get("Content-Security-Policy"), "connect-src"))
                .isEqualTo("connect-src 'self' https://cognito-idp.us-east-1.amazonaws.com");
    }

    static void assertSecurityHeaders(String what, Map<String, List<String>> headers) {
        String csp = single(headers, "content-security-policy");
        assertThat(csp).as(what + ": Content-Security-Policy").isNotNull();
        assertThat(directive(csp, "script-src")).as(what).isEqualTo("script-src 'self'");
        assertThat(directive(csp, "style-src")).as(what).isEqualTo("style-src 'self'");
        assertThat(directive(csp, "default-src")).as(what).isEqualTo("default-src 'self'");
        assertThat(directive(csp, "frame-ancestors")).as(what).isEqualTo("frame-ancestors 'none'");
        assertThat(directive(csp, "object-src")).as(what).isEqualTo("object-src 'none'");
        assertThat(directive(csp, "base-uri")).as(what).isEqualTo("base-uri 'none'");
        assertThat(csp).as(what).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*");
        assertThat(single(headers, "x-content-type-options")).as(what).isEqualTo("nosniff");
        assertThat(single(headers, "x-frame-options")).as(what).isEqualTo("DENY");
        assertThat(single(headers, "referrer-policy")).as(what).isEqualTo("no-referrer");
    }

    private static String single(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        if (values == null) {
            return null;
        }
        assertThat(values).as("one " + name + " header").hasSize(1);
        return values.get(0);
    }

    private static String directive(String csp, String name) {
        return Arrays.stream(csp.split(";")).map(String::strip).filter(d -> d.startsWith(name + " ")).findFirst().orElse(null);
    }

    private static Map<String, List<String>> lowerCaseKeys(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values));
        return lower;
    }

    private record RawResponse(int status, Map<String, List<String>> headers) {
    }

    /** Sends bytes the HTTP client would refuse to send, and reads the status and headers back. */
    private static RawResponse raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                            .add(lines[i].substring(colon + 1).strip());
                }
            }
            return new RawResponse(status, headers);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}
