package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ServerPerClass;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bounds a request body meets (these are timeouts the server enforces, asserted with wide
 * margins): a body has {@link BodiesFirst#GRACE} plus a second per 512 bytes to arrive, which a
 * slow link passes and a trickle does not; a chunked body is refused once past the size limit;
 * a body sent after {@code 100 Continue}, which its handler reads itself, takes one of a few
 * permits and gets the same time.
 */
class SlowBodyBoundsTest {

    private static final String CRUD = "{\"message\":\"typed on a train\",\"ttl\":\"1-day\"}";

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    private static String token;

    @BeforeAll
    static void start() {
        token = app.accounts().create("train@example.com", "Train Rider", "train");
    }

    @Test
    void aBodyThatArrivesSlowlyButWithinItsAllowanceIsPosted() throws Exception {
        byte[] body = CRUD.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(postHead("/api/activities", body.length, "").getBytes(StandardCharsets.US_ASCII));
            // Six pieces a second apart: 6 s for 46 bytes, slower than any phone.
            int piece = (body.length + 5) / 6;
            for (int from = 0; from < body.length; from += piece) {
                out.write(body, from, Math.min(piece, body.length - from));
                out.flush();
                Thread.sleep(1_000);
            }
            assertThat(statusLine(socket.getInputStream())).startsWith("HTTP/1.1 201");
        }
    }

    @Test
    void aBodyThatTricklesIsAnswered408OnceItsAllowanceIsOver() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(postHead("/api/activities", 300, "").getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            String answer = null;
            // A byte a second: 300 bytes would take five minutes; 10.6 s are allowed.
            for (int i = 0; i < 60 && answer == null; i++) {
                try {
                    out.write('{');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                answer = answerIfAny(socket, Duration.ofSeconds(1));
            }
            if (answer == null) {
                answer = answerIfAny(socket, Duration.ofSeconds(5));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer).as("after %s", took).startsWith("HTTP/1.1 408").contains("\"error\":\"body_too_slow\"");
            assertThat(took).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(40));
        }
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefused413() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/activities HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "a".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 9; i++) { // 72 KiB: past the 64 KiB limit
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException closedOnUs) {
                // refused part way: the answer is already there
            }
            assertThat(answerIfAny(socket, Duration.ofSeconds(10))).startsWith("HTTP/1.1 413")
                    .contains("\"error\":\"body_too_large\"");
        }
    }

    @Test
    void readsAfter100ContinueAreFewAtOnceAndCutOffWhenTheyTrickle() throws Exception {
        List<Socket> reading = new ArrayList<>();
        try {
            for (int i = 0; i < ContinuedBodyReads.DEFAULT_LIMIT; i++) {
                Socket socket = connect();
                socket.getOutputStream().write(postHead("/api/activities", 300, "Expect: 100-continue\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(statusLine(socket.getInputStream())).as("read %d", i + 1).startsWith("HTTP/1.1 100");
                reading.add(socket);
            }
            try (Socket oneMore = connect()) {
                oneMore.getOutputStream().write(postHead("/api/activities", 300, "Expect: 100-continue\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(answerIfAny(oneMore, Duration.ofSeconds(10))).startsWith("HTTP/1.1 503")
                        .contains("\"error\":\"server_busy\"");
            }
            // Those reading get a byte a second, far below the rate: each is cut off.
            long started = System.nanoTime();
            int cut = 0;
            for (int second = 0; second < 40 && cut < reading.size(); second++) {
                cut = 0;
                for (Socket socket : reading) {
                    try {
                        socket.getOutputStream().write('{');
                        socket.getOutputStream().flush();
                        if (endedWithin(socket, Duration.ofMillis(1_000 / reading.size()))) {
                            cut++;
                        }
                    } catch (IOException closed) {
                        cut++;
                    }
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(cut).as("reads cut off after %s", took).isEqualTo(reading.size());
            assertThat(took).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(40));
            // Their permits are back: another continued post goes through.
            assertThat(continuedPost()).startsWith("HTTP/1.1 201");
        } finally {
            for (Socket socket : reading) {
                socket.close();
            }
        }
    }

    private static String continuedPost() throws IOException {
        byte[] body = CRUD.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(postHead("/api/activities", body.length, "Expect: 100-continue\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String first = statusLine(in);
            if (!first.startsWith("HTTP/1.1 100")) {
                return first;
            }
            skipHead(in);
            socket.getOutputStream().write(body);
            return statusLine(in);
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.server().port());
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static String postHead(String path, int length, String extra) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n" + extra + "\r\n";
    }

    /** The first line the server sends. */
    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString().strip();
    }

    private static void skipHead(InputStream in) throws IOException {
        String line;
        do {
            line = statusLine(in);
        } while (!line.isEmpty());
    }

    /** Whatever the server has sent within {@code wait} (null if nothing yet), up to its closing the connection. */
    private static String answerIfAny(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
                socket.setSoTimeout(500); // the rest follows at once
            }
        } catch (SocketTimeoutException e) {
            // nothing more for now
        } catch (IOException reset) {
            // closed on us after the answer
        }
        return answer.size() == 0 ? null : answer.toString(StandardCharsets.UTF_8);
    }

    /** Whether the server closed the connection within {@code wait} (what it sent before that is ignored). */
    private static boolean endedWithin(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
