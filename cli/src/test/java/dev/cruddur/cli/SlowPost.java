package dev.cruddur.cli;

import dev.cruddur.testkit.http.RawHttp;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A POST over a raw socket whose body arrives slowly, one byte at a time: a request that is
 * still in flight while the server is asked to stop. Its headers go out at once and ask to be
 * told to go on ({@code Expect: 100-continue}): Jetty answers {@code 100 Continue} when the
 * handler starts reading the body, which shows the request is being handled (and counted as in
 * flight). The body may stop part way ({@code bodyBytesToSend}) to play a client that stalls.
 */
final class SlowPost implements AutoCloseable {

    private final Socket socket;
    private final CompletableFuture<Void> handled = new CompletableFuture<>();
    private final CompletableFuture<RawHttp.Response> response = new CompletableFuture<>();

    /** Sends the headers now, and the body on a thread of its own once the server asks for it. */
    SlowPost(int port, String path, String token, String json, Duration perByte, int bodyBytesToSend) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        Thread sender = new Thread(() -> converse(body, perByte, Math.min(bodyBytesToSend, body.length)), "slow-post");
        sender.setDaemon(true);
        sender.start();
    }

    private void converse(byte[] body, Duration perByte, int bodyBytesToSend) {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            in.mark(64 * 1024);
            if (!readHead(in).startsWith("HTTP/1.1 100 ")) {
                in.reset();
                response.complete(RawHttp.parse(in.readAllBytes()));
                return; // answered without reading the body
            }
            handled.complete(null);
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < bodyBytesToSend; i++) {
                Thread.sleep(perByte.toMillis());
                out.write(body[i]);
            }
            response.complete(RawHttp.parse(in.readAllBytes()));
        } catch (IOException | InterruptedException e) {
            response.complete(new RawHttp.Response(-1, Map.of(), "no answer: " + e));
        } finally {
            handled.complete(null); // or never will be: awaitHandled then sees the response instead
        }
    }

    /** A status line and its headers, up to the empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int c; !head.toString().endsWith("\r\n\r\n") && (c = in.read()) != -1; ) {
            head.append((char) c);
        }
        return head.toString();
    }

    /** Waits until the server's handler has begun reading the body: the request is in flight. */
    void awaitHandled(Duration timeout) throws Exception {
        handled.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (response.isDone()) {
            throw new AssertionError("answered before its body was read: " + response.get());
        }
    }

    /** The final response; status -1, and the reason in the body, when the connection failed. */
    RawHttp.Response awaitResponse(Duration timeout) throws Exception {
        return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
