package dev.cruddur.testkit.cognito;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One answer of the pool: a status and a body. Tests also hand the pool answers to give instead
 * of its own, to play an issuer that is down, throttled or broken.
 */
record Answer(int status, String body) {

    void send(HttpExchange exchange, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        // HttpServer reads a length of 0 as "chunked"; -1 is how it is told there is no body.
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
