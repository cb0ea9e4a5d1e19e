package dev.cruddur.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.TestServer;
import dev.cruddur.testkit.http.ApiClient;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopping server first says it is not ready ({@code GET /api/ready} 503 {@code draining}) and
 * keeps answering everything else for {@code CRUDDUR_DRAIN_SECONDS}, so that a load balancer's
 * health checks take it out of rotation before it stops listening.
 */
class DrainingTest {

    /** Long enough that the checks below fit in it on a loaded machine. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    @Test
    void readinessTurns503AtOnceWhileRequestsAreStillServedForTheDrain(@TempDir Path directory) throws Exception {
        TestServer server = TestServer.withLocalIdentity(directory)
                .environment("CRUDDUR_DRAIN_SECONDS", String.valueOf(DRAIN.toSeconds())).start();
        int port = server.port();
        ApiClient api = new ApiClient(port);
        Response ready = api.get("/api/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ok");

        long stopping = System.nanoTime();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
        Response notReady = awaitNotReady(api);
        long noticedMillis = (System.nanoTime() - stopping) / 1_000_000;
        assertThat(noticedMillis).as("not ready at once, well before the drain ends").isLessThan(DRAIN.toMillis() / 2);
        assertThat(notReady.json().get("status").asText()).isEqualTo("draining");

        // Still serving: the API and liveness.
        assertThat(api.get("/api/activities/home").status()).isEqualTo(200);
        assertThat(api.get("/api/health-check").status()).isEqualTo(200);
        assertThat(stopped).as("still draining").isNotDone();

        stopped.get();
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        assertThat(stopMillis).as("the stop waited for the drain").isGreaterThanOrEqualTo(DRAIN.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            throw new AssertionError("still listening after the stop");
        } catch (ConnectException expected) {
            // no longer listening
        }
    }

    @Test
    void withoutADrainTheStopDoesNotWait(@TempDir Path directory) {
        TestServer server = TestServer.withLocalIdentity(directory).start();
        assertThat(new ApiClient(server.port()).get("/api/ready").status()).isEqualTo(200);
        long stopping = System.nanoTime();
        server.close();
        assertThat((System.nanoTime() - stopping) / 1_000_000).isLessThan(DRAIN.toMillis());
    }

    private static Response awaitNotReady(ApiClient api) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < end) {
            Response answer = api.get("/api/ready");
            if (answer.status() == 503) {
                return answer;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("/api/ready never turned 503");
    }
}
