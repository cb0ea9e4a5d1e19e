package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.ServerSettings;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A body the server refuses before reading it (a bad token, too large) still gets its answer to
 * the client: without reading the rest first, the Java HTTP client lost about one such answer in
 * eight ("header parser received no bytes") when the connection closed under it.
 */
class UnreadBodiesTest {

    private static final int REQUESTS = 120;

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    private static SignedUpUser alice;

    @BeforeAll
    static void start() {
        alice = app.register("alice", "Alice Liddell");
    }

    @Test
    void aLargeBodyRefusedForItsTokenAlwaysGetsThe401() throws Exception {
        String body = "{\"message\":\"" + "a".repeat(60_000) + "\",\"ttl\":\"1-hour\"}";
        assertThat(statusesOf(body, "not-a-token")).containsOnly(401);
    }

    @Test
    void aTooLargeBodyAlwaysGetsThe413() throws Exception {
        String body = "{\"message\":\"" + "a".repeat(200_000) + "\",\"ttl\":\"1-hour\"}";
        assertThat(statusesOf(body, app.tokenOf(alice))).containsOnly(413);
    }

    @Test
    void aClientThatWaitsForContinueGetsThe413WithoutBeingAskedForTheBody() throws Exception {
        // 200,000 bytes: refused (over 64 KiB) but under the drain limit, so a drain would run.
        assertThat(firstStatusLineWaitingForContinue(200_000, app.tokenOf(alice)))
                .startsWith("HTTP/1.1 413");
    }

    @Test
    void aClientThatWaitsForContinueGetsThe401WithoutBeingAskedForTheBody() throws Exception {
        assertThat(firstStatusLineWaitingForContinue(60_000, "not-a-token")).startsWith("HTTP/1.1 401");
    }

    /**
     * Sends only the headers of a post with {@code Expect: 100-continue}, as curl and other
     * clients do with a large body, and returns the first status line the server answers: the
     * refusal, not a "100 Continue" asking for the body.
     */
    private static String firstStatusLineWaitingForContinue(int contentLength, String token) throws IOException {
        try (Socket socket = new Socket("localhost", app.server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/activities HTTP/1.1\r\n"
                    + "Host: localhost:" + app.server().port() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + contentLength + "\r\n"
                    + "Expect: 100-continue\r\n"
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String statusLine = in.readLine();
            return statusLine == null ? "(connection closed without an answer)" : statusLine;
        }
    }

    @Test
    void theMostReadOfARefusedBodyFollowsTheServersBodyLimit() {
        ContinuedBodyReads reads = new ContinuedBodyReads(1, ServerSettings.DEFAULT_MAX_REQUEST_BYTES);
        assertThat(new BodiesFirst(ServerSettings.DEFAULT_MAX_REQUEST_BYTES, reads).discardLimit()).isEqualTo(1024 * 1024);
        assertThat(new BodiesFirst(10_000, reads).discardLimit()).isEqualTo(160_000);
    }

    /** Each answer's status, or 0 where the client got no answer at all. */
    private static List<Integer> statusesOf(String body, String token) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(clients.submit(() -> {
                    try {
                        Response response = app.api().postJson("/api/activities", body, token);
                        return response.status();
                    } catch (UncheckedIOException e) {
                        return 0;
                    }
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            clients.shutdownNow();
        }
    }
}
