package dev.cruddur.server.hostile;

import dev.cruddur.testkit.http.ApiClient;
import dev.cruddur.testkit.http.RawHttp;
import dev.cruddur.testkit.http.RawHttp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends corpus requests over real sockets: with the test kit's {@link ApiClient} (the JDK's HTTP
 * client) where it will send the request (it refuses invalid URIs, some headers and methods),
 * otherwise written byte by byte with {@link RawHttp}, with {@code Connection: close} so the
 * server never waits for more.
 */
final class HostileClient {

    private final int port;
    private final ApiClient api;

    HostileClient(int port) {
        this.port = port;
        this.api = new ApiClient(port);
    }

    Response send(HostileRequest request) {
        if (request.wire() != null) {
            return overSocket(request.wire());
        }
        try {
            ApiClient.Response response = api.send(build(request));
            Map<String, String> headers = new HashMap<>();
            response.raw().headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            return new Response(response.status(), headers, response.body());
        } catch (IllegalArgumentException | UncheckedIOException refusedOrCut) {
            // Refused by the JDK's client, or cut: a kept-alive connection the server had closed (it
            // closes after refusing a body it did not read) is ambiguous; a fresh connection is not.
            return overSocket(serialize(request));
        }
    }

    private HttpRequest build(HostileRequest request) {
        HttpRequest.Builder builder = api.request(request.target())
                .method(request.method(), request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.ISO_8859_1));
        request.headers().forEach(h -> builder.header(h.getKey(), h.getValue()));
        return builder.build();
    }

    private String serialize(HostileRequest request) {
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n");
        request.headers().forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length()).append("\r\n");
        }
        return head.append("Connection: close\r\n\r\n").append(request.body() == null ? "" : request.body()).toString();
    }

    private Response overSocket(String bytes) {
        try {
            return RawHttp.exchange(port, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("raw request failed: " + e, e);
        }
    }
}
