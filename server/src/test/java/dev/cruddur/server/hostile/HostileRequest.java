package dev.cruddur.server.hostile;

import java.util.List;
import java.util.Map;

/**
 * One request of the corpus. Either structured (method, target, headers, body: sent with the
 * JDK's HTTP client when it agrees to, else written out by hand) or {@code wire}: bytes sent
 * as they are, for what no client library would produce (a broken request line, control
 * characters in a header). All of it is in "byte strings": each char is one byte (ISO-8859-1),
 * so a target, a body or the wire can hold any raw byte.
 *
 * @param generator the name of the input class that made it (stamped by the corpus, {@link #from})
 */
record HostileRequest(String generator, String method, String target, List<Map.Entry<String, String>> headers,
                      String body, String wire) {

    static HostileRequest of(String method, String target, List<Map.Entry<String, String>> headers, String body) {
        return new HostileRequest(null, method, target, List.copyOf(headers), body, null);
    }

    static HostileRequest wire(String bytes) {
        return new HostileRequest(null, null, null, List.of(), null, bytes);
    }

    /** This request, made by the input class {@code generator}. */
    HostileRequest from(String generator) {
        return new HostileRequest(generator, method, target, headers, body, wire);
    }

    /** The path without its query, as the server routes it (for deciding which checks apply). */
    String path() {
        if (wire != null) {
            String[] parts = wire.substring(0, Math.min(wire.length(), 200)).split(" ", 3);
            return parts.length > 1 ? parts[1].replaceFirst("[?#].*", "") : "";
        }
        return target.replaceFirst("[?#].*", "");
    }

    /** Short enough for a failure message: what was sent, with unprintable bytes escaped. */
    String describe() {
        String text = wire != null
                ? wire.substring(0, Math.min(wire.length(), 300))
                : method + " " + (target.length() > 200 ? target.substring(0, 200) + "…" : target)
                        + " " + headers.stream().map(h -> h.getKey() + ": " + abbreviate(h.getValue())).toList()
                        + (body == null ? "" : " body(" + body.length() + ")=" + body.substring(0, Math.min(body.length(), 200)));
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c)));
        return "[" + generator + "] " + out;
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…(" + value.length() + ")" : value;
    }
}
