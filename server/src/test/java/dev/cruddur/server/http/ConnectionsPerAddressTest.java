package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.http.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One client address may hold only so many connections at once: one more is closed as it is
 * accepted, before Jetty gives it a buffer or a thread. Other addresses are not affected, and
 * a connection that closes makes room again.
 */
class ConnectionsPerAddressTest {

    private static final int LIMIT = 8;
    private static final String KEEP_ALIVE_HEALTH = "GET /api/health-check HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity(
            server -> server.environment("CRUDDUR_CONNECTIONS_PER_ADDRESS", String.valueOf(LIMIT)));

    @Test
    void oneConnectionMoreThanTheLimitFromOneAddressIsClosedAtOnce() throws Exception {
        InetAddress greedy = InetAddress.getByName("127.0.0.3");
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                Socket socket = connect(greedy);
                assertThat(answerOn(socket)).as("connection %d", i + 1).startsWith("HTTP/1.1 200");
                held.add(socket);
            }
            try (Socket oneTooMany = connect(greedy)) {
                assertThat(answerOn(oneTooMany)).isEqualTo("(closed without an answer)");
            }
            // Another address is served as usual.
            assertThat(RawHttp.exchange(InetAddress.getByName("127.0.0.4"), InetAddress.getLoopbackAddress(),
                    app.server().port(), RawHttp.get("/api/health-check", "localhost")).status()).isEqualTo(200);
            // The held connections are still served.
            for (Socket socket : held) {
                assertThat(answerOn(socket)).startsWith("HTTP/1.1 200");
            }

            held.remove(0).close();
            assertThat(servedAgainWithin(greedy, Duration.ofSeconds(10))).as("room again after one closed").isTrue();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static boolean servedAgainWithin(InetAddress from, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            try (Socket socket = connect(from)) {
                if (answerOn(socket).startsWith("HTTP/1.1 200")) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static Socket connect(InetAddress from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), app.server().port()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends a kept-alive health check and returns the status line, or what happened instead. */
    private static String answerOn(Socket socket) throws IOException {
        try {
            socket.getOutputStream().write(KEEP_ALIVE_HEALTH.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\n")) {
                    int length = contentLength(head.toString());
                    in.readNBytes(length);
                    return head.substring(0, head.indexOf("\r\n"));
                }
            }
            return "(closed without an answer)";
        } catch (SocketTimeoutException e) {
            return "(no answer within the timeout)";
        } catch (IOException e) {
            // reset: the server closed the connection with the request unread
            return "(closed without an answer)";
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new AssertionError("no Content-Length in " + head);
    }
}
