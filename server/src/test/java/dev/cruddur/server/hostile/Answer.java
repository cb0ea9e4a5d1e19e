package dev.cruddur.server.hostile;

import java.util.Map;

/**
 * What the server answered: status (-1 when it closed the connection without an answer), the
 * headers (names lower case, first value) and the body as UTF-8 text.
 */
record Answer(int status, Map<String, String> headers, String body) {

    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
