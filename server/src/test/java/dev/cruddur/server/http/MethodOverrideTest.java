package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request is what its request line says: {@code X-HTTP-Method-Override} (which Javalin
 * honours by default) changes nothing, so a GET, which proxies, caches and filters treat as
 * harmless, can never post.
 */
class MethodOverrideTest {

    private static final String HANDLE = "overrider";
    private static final String CRUD = "{\"message\":\"posted by a GET\",\"ttl\":\"1-day\"}";

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();

    private static String token;

    @BeforeAll
    static void start() {
        token = app.accounts().create("overrider@example.com", "Over Rider", HANDLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-HTTP-Method-Override", "x-http-method-override", "X-Http-Method-Override"})
    void aGetThatAsksToBeAPostStaysAGetAndPostsNothing(String header) {
        HttpRequest get = app.api().request("/api/activities")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header(header, "POST")
                .method("GET", HttpRequest.BodyPublishers.ofString(CRUD))
                .build();

        Response answer = app.api().send(get);

        assertThat(answer.status()).as(answer.body()).isEqualTo(405);
        assertThat(answer.json().path("error").asText()).isEqualTo("method_not_allowed");
        assertThat(app.api().get("/api/activities/@" + HANDLE).json()).as("the user's cruds").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "OPTIONS"})
    void aPostThatAsksToBeSomethingElseIsStillAPost(String method) {
        HttpRequest post = app.api().request("/api/activities/home")
                .header("Content-Type", "application/json")
                .header("X-HTTP-Method-Override", method)
                .POST(HttpRequest.BodyPublishers.ofString(CRUD))
                .build();

        // The home feed has no POST: whatever the header says, the answer is the POST's.
        Response answer = app.api().send(post);

        assertThat(answer.status()).as(answer.body()).isEqualTo(405);
        assertThat(answer.json().path("error").asText()).isEqualTo("method_not_allowed");
    }
}
