package dev.cruddur.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ServerPerClass;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the server hands out the web app, over real HTTP: every page address gives
 * {@code index.html}, the files come with the right types, and the API keeps its JSON answers
 * (an unknown {@code /api/...} is still the JSON 404).
 */
class WebServingTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.withLocalIdentity();


    @Test
    void everyPageOfTheAppIsIndexHtmlAndIsRevalidated() {
        for (String page : List.of("/", "/@andrewbrown", "/@Someone_Unknown", "/@andrewbrown/followers",
                "/@andrewbrown/following", "/cruds/0b7a3b4e-2a43-4c43-9d26-1b1c1d1e1f10",
                "/search?term=%23seed", "/notifications", "/messages", "/messages/0b7a3b4e-2a43-4c43-9d26-1b1c1d1e1f10",
                "/messages/@andrewbrown", "/signup", "/confirm?email=a%40example.com", "/signin",
                "/forgot-password")) {
            Response response = app.api().get(page);
            assertThat(response.status()).as(page).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(page).startsWith("text/html");
            assertThat(response.header("Cache-Control")).as(page).isEqualTo("no-cache");
            assertThat(response.body()).as(page).contains("<script type=\"module\" src=\"/js/app.js\"></script>");
        }
    }

    @Test
    void theFilesAreServedWithTheirTypes() {
        assertThat(app.api().get("/js/app.js").header("Content-Type")).contains("javascript");
        assertThat(app.api().get("/js/views/home.js").header("Content-Type")).contains("javascript");
        assertThat(app.api().get("/app.css").header("Content-Type")).startsWith("text/css");
        assertThat(app.api().get("/images/bomb.svg").header("Content-Type")).startsWith("image/svg+xml");
        Response script = app.api().get("/js/app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void aFileTheBrowserAlreadyHasIsA304() {
        Response first = app.api().get("/js/app.js");
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(app.api().get("/app.css").header("ETag")).isNotEqualTo(etag);

        Response again = app.api().send(app.api().request("/js/app.js").header("If-None-Match", etag).GET().build());
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        Response changed = app.api().send(app.api().request("/js/app.js").header("If-None-Match", "\"something-else\"").GET().build());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(first.body());
    }

    @Test
    void theApiKeepsItsJsonAnswers() {
        Response unknown = app.api().get("/api/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/json");
        assertThat(unknown.errorCodes()).containsExactly("not_found");

        Response index = app.api().get("/api");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.json().get("name").asText()).isEqualTo("Cruddur");
        assertThat(index.json().get("endpoints").toString()).contains("GET /api/activities/home");

        assertThat(app.api().get("/api/activities/home").json().isArray()).isTrue();
    }

    @Test
    void addressesThatAreNeitherPagesNorFilesAreJson404s() {
        for (String path : List.of("/nope", "/js/nope.js", "/cruds", "/@andrewbrown/more", "/@andrewbrown/followers/x",
                "/web/index.html", "/dev/cruddur/user/UserDao/findByHandle.sql", "/db/seed/seed.sql")) {
            Response response = app.api().get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("Exception").doesNotContain("at io.javalin");
        }
        assertThat(app.api().get("/nope").errorCodes()).containsExactly("not_found");

        // Jetty refuses a path that climbs out of its root before any file is looked up.
        Response climbing = app.api().get("/js/../../db/seed/seed.sql");
        assertThat(climbing.status()).isIn(400, 404);
        assertThat(climbing.header("Content-Type")).startsWith("application/json");
        assertThat(climbing.body()).doesNotContain("INSERT");
    }
}
