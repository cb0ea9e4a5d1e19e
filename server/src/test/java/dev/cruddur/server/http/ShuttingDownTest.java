package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the server stops and waits for a request still running, a new request on a kept-alive
 * connection is refused as the API refuses: JSON {@code shutting_down} with a Retry-After, not
 * Jetty's generic error.
 */
class ShuttingDownTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Tried one after another, 10 ms apart, well within the second Jetty leaves an idle one open. */
    private static final int CONNECTIONS = 40;

    @Test
    void aNewRequestDuringTheStopIsRefusedAsShuttingDown(@TempDir Path directory) throws Exception {
        TestServer server = TestServer.withLocalIdentity(directory).start();
        CompletableFuture<Void> stopped = null;
        List<Socket> keptAlive = new ArrayList<>();
        try (Socket running = new Socket("localhost", server.port())) {
            // A request in flight for the stop to wait for: its body is not all sent yet.
            running.getOutputStream().write(("POST /local-cognito HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            running.getOutputStream().flush();
            // Connections that answered just now. Once its stop begins Jetty answers at most one more
            // request on each (with "Connection: close"), and closes any idle for a second.
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket("localhost", server.port());
                socket.setSoTimeout(5000);
                keptAlive.add(socket);
                assertThat(exchange(socket).status()).isEqualTo(200);
            }

            stopped = CompletableFuture.runAsync(server::close);
            // Until Jetty's GracefulHandler begins refusing, a request is still answered: try the next connection.
            Answer answer = null;
            for (Socket socket : keptAlive) {
                try {
                    answer = exchange(socket);
                } catch (IOException closed) {
                    continue;
                }
                if (answer.status() != 200) {
                    break;
                }
                Thread.sleep(10);
            }

            assertThat(answer).isNotNull();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
            assertThat(answer.headers()).containsEntry("retry-after", JsonErrorPages.SHUTTING_DOWN_RETRY_AFTER_SECONDS)
                    .containsEntry("content-type", "application/json")
                    .containsEntry("x-content-type-options", "nosniff");
            JsonNode body = MAPPER.readTree(answer.body());
            assertThat(body.path("error").asText()).as(answer.body()).isEqualTo("shutting_down");
            assertThat(body.path("message").asText()).contains("stopping");
        } finally {
            for (Socket socket : keptAlive) {
                socket.close();
            }
            // Closing the running request's connection ended it: the stop then completes at once.
            if (stopped == null) {
                server.close();
            } else {
                stopped.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    /** One GET of the health check on a kept-alive connection, and its whole answer. */
    private static Answer exchange(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("GET /api/health-check HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String[] lines = readHead(in).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String length = headers.get("content-length");
        assertThat(length).as("Content-Length of " + headers).isNotNull();
        byte[] body = in.readNBytes(Integer.parseInt(length));
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after " + head.size() + " bytes: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII).strip();
    }
}
