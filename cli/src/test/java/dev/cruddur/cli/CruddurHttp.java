package dev.cruddur.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.testkit.account.AccountClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What a client of a running {@code cruddur serve} does, over real HTTP: makes accounts with the
 * test kit's {@link AccountClient}, confirmed with the codes read from the server's output as a
 * developer reads them, then posts cruds and replies with the access token. Posting answers as it
 * comes, and a server gone away is an {@link IOException}: the crash tests count on both.
 */
final class CruddurHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CODE_TIMEOUT = Duration.ofSeconds(10);

    private final ServeProcess server;
    private final HttpClient http;
    private final URI base;
    private final AccountClient accounts;

    CruddurHttp(ServeProcess server) {
        this.server = server;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.base = URI.create("http://localhost:" + server.port());
        this.accounts = new AccountClient(base, email -> awaitCode("Confirmation code", email));
    }

    AccountClient accounts() {
        return accounts;
    }

    /** Signs up as {@code handle@example.com} with the kit's password, confirms and signs in: the access token. */
    String signUp(String handle) {
        return accounts.create(handle + "@example.com", "Tester " + handle, handle);
    }

    /** The six-digit code the development identity provider logged for {@code email} under {@code label}. */
    String awaitCode(String label, String email) throws InterruptedException {
        return server.awaitGroup(Pattern.quote(label + " for " + email + ": ") + "(\\d{6})$", CODE_TIMEOUT);
    }

    /** Any request to the server: {@code path} resolved against its address, the usual timeout. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), BodyHandlers.ofString());
    }

    /** {@code POST /api/activities}: the response as it came. */
    HttpResponse<String> post(String token, String message) throws IOException, InterruptedException {
        return postJson("/api/activities", token,
                JSON.createObjectNode().put("message", message).put("ttl", "7-days").toString());
    }

    /** {@code POST /api/activities/{parent}/reply}. */
    HttpResponse<String> reply(String token, String parent, String message) throws IOException, InterruptedException {
        return postJson("/api/activities/" + parent + "/reply", token,
                JSON.createObjectNode().put("message", message).toString());
    }

    private HttpResponse<String> postJson(String path, String token, String json)
            throws IOException, InterruptedException {
        return send(request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static String uuid(HttpResponse<String> created) {
        return json(created).path("uuid").asText();
    }
}
