package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ApiClient;
import dev.cruddur.server.ApiClient.Response;
import dev.cruddur.server.DevAccounts;
import dev.cruddur.server.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request is what its request line says: {@code X-HTTP-Method-Override} (which Javalin
 * honours by default) changes nothing, so a GET, which proxies, caches and filters treat as
 * harmless, can never post.
 */
class MethodOverrideTest {

    private static final String HANDLE = "overrider";
    private static final String CRUD = "{\"message\":\"posted by a GET\",\"ttl\":\"1-day\"}";

    @TempDir
    static Path dataDirectory;
    private static TestServer server;
    private static ApiClient api;
    private static String token;

    @BeforeAll
    static void start() {
        server = TestServer.withLocalIdentity(dataDirectory).start();
        api = server.client();
        token = new DevAccounts(api).create("overrider@example.com", "Over Rider", HANDLE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-HTTP-Method-Override", "x-http-method-override", "X-Http-Method-Override"})
    void aGetThatAsksToBeAPostStaysAGetAndPostsNothing(String header) {
        HttpRequest get = api.request("/api/activities")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header(header, "POST")
                .method("GET", HttpRequest.BodyPublishers.ofString(CRUD))
                .build();

        Response answer = api.send(get);

        assertThat(answer.status()).as(answer.body()).isEqualTo(405);
        assertThat(answer.json().path("error").asText()).isEqualTo("method_not_allowed");
        assertThat(api.get("/api/activities/@" + HANDLE).json()).as("the user's cruds").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "OPTIONS"})
    void aPostThatAsksToBeSomethingElseIsStillAPost(String method) {
        HttpRequest post = api.request("/api/activities/home")
                .header("Content-Type", "application/json")
                .header("X-HTTP-Method-Override", method)
                .POST(HttpRequest.BodyPublishers.ofString(CRUD))
                .build();

        // The home feed has no POST: whatever the header says, the answer is the POST's.
        Response answer = api.send(post);

        assertThat(answer.status()).as(answer.body()).isEqualTo(405);
        assertThat(answer.json().path("error").asText()).isEqualTo("method_not_allowed");
    }
}
