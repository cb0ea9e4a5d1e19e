package dev.cruddur.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and drops what is left of a request body the handler answered without reading: a post
 * refused for its token (401) or its size (413) before its body was looked at. Jetty closes such
 * a connection while the client may still be sending, and the client's TCP stack then throws
 * the answer away with the connection (the Java HTTP client reported "header parser received no
 * bytes" for about one such request in eight). Reading the rest first lets every client see its
 * 401 or 413. At most {@link #limit()} bytes are read: a client sending more than that is not one
 * that needs a polite answer, and the connection is closed on it as before.
 *
 * <p>Not for a request with {@code Expect: 100-continue}: its client waits for the server's
 * word before it sends the body, so nothing is in flight, and reading would make Jetty send
 * {@code 100 Continue} and ask for the very body that was refused. That holds because no handler
 * starts reading a body it then refuses: {@link RequestBody#read} refuses one announced too large
 * before reading, and reads any other whole.
 */
public final class UnreadBodies {

    /** How many times the largest accepted body is still read and dropped after a refusal. */
    static final int LIMIT_FACTOR = 16;

    private final long limit;

    /** @param maxRequestBytes the largest body the API accepts ({@code ServerSettings.maxRequestBytes()}) */
    public UnreadBodies(long maxRequestBytes) {
        this.limit = Math.multiplyExact(maxRequestBytes, LIMIT_FACTOR);
    }

    /** The most that is read and dropped of a refused body: 1 MiB with the default 64 KiB limit. */
    long limit() {
        return limit;
    }

    public void register(RoutesConfig routes) {
        routes.after(this::discard);
    }

    void discard(Context ctx) {
        // An accepted request had its body read by its handler: only refusals can leave one behind.
        if (ctx.statusCode() < 400) {
            return;
        }
        // The client waits for "100 Continue" before sending: nothing to drain, and reading would ask for it.
        String expect = ctx.header("Expect");
        if (expect != null && expect.strip().equalsIgnoreCase("100-continue")) {
            return;
        }
        long length = ctx.req().getContentLengthLong();
        // Nothing announced (a GET), or more than we are willing to read: leave it to Jetty.
        if (length <= 0 || length > limit) {
            return;
        }
        try {
            InputStream body = ctx.req().getInputStream();
            byte[] buffer = new byte[8192];
            long read = 0;
            int n;
            // Already read by the handler: the stream is at its end and this returns at once.
            while (read < limit && (n = body.read(buffer)) >= 0) {
                read += n;
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the body was taken another way; the answer goes out as it can.
        }
    }
}
