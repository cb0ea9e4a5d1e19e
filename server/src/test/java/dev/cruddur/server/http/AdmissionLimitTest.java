package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the admission limit counts comes from the routes' declarations, not from their paths:
 * a route under a prefix nobody thought of is counted all the same, and only a route declared
 * {@link Admission#UNCOUNTED} is let through when every permit is taken.
 */
class AdmissionLimitTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        AdmissionLimit limit = new AdmissionLimit(1);
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            ErrorResponses.register(cfg.routes);
            limit.register(cfg.routes);
            cfg.routes.get("/brand-new/hold", ctx -> {
                holding.countDown();
                release.await(10, TimeUnit.SECONDS);
                ctx.result("held");
            });
            cfg.routes.get("/brand-new/other", ctx -> ctx.result("other"));
            cfg.routes.get("/brand-new/free", ctx -> ctx.result("free"), Admission.UNCOUNTED);
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        release.countDown();
        app.stop();
    }

    @Test
    void aRouteWithoutADeclarationIsCountedWhateverItsPath() throws Exception {
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(get("/brand-new/hold"), HttpResponse.BodyHandlers.ofString());
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> refused = client.send(get("/brand-new/other"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("server_busy");
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");

        HttpResponse<String> free = client.send(get("/brand-new/free"), HttpResponse.BodyHandlers.ofString());
        assertThat(free.statusCode()).isEqualTo(200);

        release.countDown();
        assertThat(held.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // the permit came back with the answer
        assertThat(client.send(get("/brand-new/other"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build();
    }
}
