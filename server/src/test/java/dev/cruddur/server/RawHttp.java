package dev.cruddur.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange written by hand on a socket, for what {@code java.net.http} will not
 * send (a {@code Host} header of the test's choosing, a client address other than 127.0.0.1).
 * The request should say {@code Connection: close}: the body is read to the end of the stream.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** A response: its status, its headers (names in lower case) and its body as text. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        /** The first value of the header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** Sends {@code request} from the usual local address to the server on 127.0.0.1. */
    public static Response exchange(int port, String request) throws IOException {
        return exchange(null, InetAddress.getLoopbackAddress(), port, request);
    }

    /**
     * @param from the local address to connect from (127.0.0.2 and up are loopback too on
     *             Linux), or null for the system's choice
     * @param to   the server's address
     */
    public static Response exchange(InetAddress from, InetAddress to, int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(to, port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** A GET of {@code path} naming {@code host} in its Host header, on a connection that closes after it. */
    public static String get(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response head in: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }
}
