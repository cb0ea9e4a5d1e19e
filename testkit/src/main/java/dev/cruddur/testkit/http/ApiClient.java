package dev.cruddur.testkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Real HTTP/1.1 to a running Cruddur server, over a socket, with the JSON parsed for assertions:
 * for the server's tests and for the cli's, which run {@code cruddur serve}. A server that is not
 * there (gone away, killed mid-request) is an {@link UncheckedIOException}: the crash tests count on it.
 */
public final class ApiClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    public Response get(String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    public Response postJson(String path, String json, String token) {
        return send(jsonPost(path, json, token));
    }

    /** A bodiless {@code PUT} or {@code DELETE} (a like, a follow, a deletion), as {@code token}'s user. */
    public Response send(String method, String path, String token) {
        return send(request(path).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Posts a crud as the token's user; returns its uuid, and fails the test on anything but a 201. */
    public String postCrud(String token, String message, String ttl) {
        String body = MAPPER.createObjectNode().put("message", message).put("ttl", ttl).toString();
        Response response = postJson("/api/activities", body, token);
        if (response.status() != 201) {
            throw new AssertionError("posting failed: " + response.status() + " " + response.body());
        }
        return response.json().get("uuid").asText();
    }

    /** The POST of {@code json}, as {@code token}'s user unless it is null, unsent. */
    public HttpRequest jsonPost(String path, String json, String token) {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    public Response send(HttpRequest request) {
        try {
            return new Response(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request.uri(), e);
        }
    }

    /** Any request to the server, at {@code path} (from its root), with the usual timeout. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    /** A response whose body is parsed as JSON on demand. */
    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status() + "): " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The codes of a 422's violations, or the single error code otherwise. */
        public List<String> errorCodes() {
            JsonNode body = json();
            return body.has("errors") ? body.get("errors").findValuesAsText("code") : List.of(body.path("error").asText());
        }
    }
}
