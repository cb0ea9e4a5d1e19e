package dev.cruddur.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET /api} lists the routes the router holds: a new one is listed without being written down twice. */
class ApiIndexRouteTest {

    @Test
    void listsEveryApiRouteTheRouterGetsAndNothingElse() throws Exception {
        ApiIndexRoute index = new ApiIndexRoute();
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.events.handlerAdded(index::routeAdded);
            index.register(cfg.routes);
            cfg.routes.get("/api/brand-new/{uuid}", ctx -> ctx.result("new"));
            cfg.routes.delete("/api/brand-new/{uuid}", ctx -> ctx.status(204));
            cfg.routes.post("/local-cognito", ctx -> ctx.result("{}"));
            cfg.routes.get("/signin", ctx -> ctx.result("a page"));
            cfg.routes.options("/api/*", ctx -> ctx.status(204));
            cfg.routes.before(ctx -> ctx.header("X-Before", "1"));
        }).start("127.0.0.1", 0);
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + app.port() + "/api")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).contains("\"endpoints\":[\"GET /api\",\"GET /api/brand-new/{uuid}\","
                    + "\"DELETE /api/brand-new/{uuid}\",\"POST /local-cognito\"]");
        } finally {
            app.stop();
        }
    }
}
