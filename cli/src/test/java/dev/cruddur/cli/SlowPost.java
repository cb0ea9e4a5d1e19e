package dev.cruddur.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A POST over a raw socket whose body arrives slowly, one byte at a time: a request that is
 * still in flight while the server is asked to stop. Its headers go out at once; the body may
 * stop part way ({@code bodyBytesToSend}) to play a client that stalls.
 */
final class SlowPost implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
    private static final Pattern UUID = Pattern.compile("\"uuid\":\"([0-9a-f-]{36})\"");

    private final Socket socket;
    private final CompletableFuture<String> response = new CompletableFuture<>();

    private SlowPost(Socket socket) {
        this.socket = socket;
    }

    static SlowPost start(int port, String path, String token, String json, Duration perByte, int bodyBytesToSend)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
        SlowPost post = new SlowPost(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread sender = new Thread(() -> {
            try {
                for (int i = 0; i < Math.min(bodyBytesToSend, body.length); i++) {
                    Thread.sleep(perByte.toMillis());
                    out.write(body[i]);
                    out.flush();
                }
                InputStream in = socket.getInputStream();
                post.response.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                post.response.complete("no answer: " + e);
            } catch (InterruptedException e) {
                post.response.complete("interrupted");
            }
        }, "slow-post");
        sender.setDaemon(true);
        sender.start();
        return post;
    }

    /** The raw response (status line, headers, body), or "no answer: …" when the connection failed. */
    String awaitResponse(Duration timeout) throws Exception {
        return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static int status(String rawResponse) {
        Matcher matcher = STATUS.matcher(rawResponse);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    static String uuid(String rawResponse) {
        Matcher matcher = UUID.matcher(rawResponse);
        if (!matcher.find()) {
            throw new AssertionError("no uuid in " + rawResponse);
        }
        return matcher.group(1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
