package dev.cruddur.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ServerLog;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.http.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answers the hostile corpus found to be 5xx, one test each, so each fix has a focused test
 * besides the corpus: a charset the JVM does not know, a body cut off before its announced
 * length, and an HTTP version nobody speaks.
 */
class MalformedRequestFixesTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    private static String token;

    @BeforeAll
    static void start() {
        token = app.pool().accessTokenFor(app.register("charset", "Charset Tester").sub());
    }

    @Test
    void aCharsetOtherThanUtf8IsAn415NotA500() {
        for (String contentType : new String[]{"application/json; charset=bogus", "application/json; charset=\"",
                "application/json; charset=utf-16", "application/json;charset=\u00e9", "application/jsonx"}) {
            ApiClient.Response response = post(contentType);
            assertThat(response.status()).as(contentType).isEqualTo(415);
            assertThat(response.errorCodes()).containsExactly("content_type_unsupported");
        }
        for (String contentType : new String[]{"application/json", "application/json; charset=utf-8",
                "Application/JSON;Charset=\"UTF-8\""}) {
            assertThat(post(contentType).status()).as(contentType).isEqualTo(201);
        }
    }

    @Test
    void aBodyCutOffBeforeItsAnnouncedLengthIsA400NotA500() throws IOException {
        long logBefore = ServerLog.size();
        String answer = raw("POST /api/activities HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"message\":");
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("\"error\":\"body_incomplete\"");
        assertThat(ServerLog.linesSince(logBefore)).noneMatch(line -> line.contains("] ERROR "));
    }

    @Test
    void anUnknownHttpVersionIsA400NotA505() throws IOException {
        for (String version : new String[]{"HTTP/9.9", "HTTP/1.2", "HTTP/0.1"}) {
            String answer = raw("GET /api/health-check " + version + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(version).startsWith("HTTP/1.1 400 ").contains("\"error\":\"bad_request\"");
        }
    }

    private static ApiClient.Response post(String contentType) {
        return app.api().send(app.api().request("/api/activities")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"typed\",\"ttl\":\"1-day\"}"))
                .build());
    }

    /** Sends the bytes as they are, stops sending (as a client that gave up would) and reads the answer. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", app.server().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
