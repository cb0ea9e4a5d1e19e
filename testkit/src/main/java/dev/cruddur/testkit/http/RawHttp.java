package dev.cruddur.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange written by hand on a socket, for what {@code java.net.http} will not
 * send: a {@code Host} header of the test's choosing, a client address other than 127.0.0.1, a
 * request line or header no client library produces. The request should say
 * {@code Connection: close}: the output is shut once it is written and the answer read to the
 * end of the stream.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 20_000;

    private RawHttp() {
    }

    /**
     * The first response the server sent: status (-1 when it closed the connection without an
     * answer), headers (names lower case, the first value of each) and the body as UTF-8 text.
     */
    public record Response(int status, Map<String, String> headers, String body) {

        /** The header's first value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code request} from the usual local address to the server on the loopback address. */
    public static Response exchange(int port, String request) throws IOException {
        return exchange(null, InetAddress.getLoopbackAddress(), port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * @param from the local address to connect from (127.0.0.2 and up are loopback too on
     *             Linux), or null for the system's choice
     * @param to   the server's address
     */
    public static Response exchange(InetAddress from, InetAddress to, int port, String request) throws IOException {
        return exchange(from, to, port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Response exchange(InetAddress from, InetAddress to, int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(to, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException cutWhileSending) {
                // The server answered and closed before reading all of it: read what it said.
            }
            return parse(readAll(socket.getInputStream()));
        }
    }

    /** A GET of {@code path} naming {@code host} in its Host header, on a connection that closes after it. */
    public static String get(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            in.transferTo(out); // keeps every chunk it read, even when a later read fails
        } catch (SocketException resetAfterAnswer) {
            // A reset after the answer (the server closed with our bytes unread) loses nothing read.
        }
        return out.toByteArray();
    }

    /** The first response in the bytes (a server may answer, then close). */
    public static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            return new Response(-1, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        } else if (headers.containsKey("content-length")) {
            body = Arrays.copyOf(body, Math.min(body.length, Integer.parseInt(headers.get("content-length"))));
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (int at = 0, lineEnd; (lineEnd = text.indexOf("\r\n", at)) >= 0; ) {
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
