package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.server.http.GracefulStop;
import dev.cruddur.testkit.http.ApiClient;
import dev.cruddur.testkit.http.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM: the server stops accepting, finishes the requests in flight, closes the pool, stops
 * the embedded PostgreSQL cleanly (the next start runs no crash recovery) and exits in a bounded
 * time with status 143 (128 + SIGTERM: the JVM exits with the signal's status after its shutdown
 * hook has stopped everything).
 */
class GracefulStopIT {

    private static final String RECOVERY = "database system was not properly shut down";
    private static final String CLEAN_SHUTDOWN = "database system is shut down";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What bounds the stop: Jetty waits at most this for requests, then the pool and PostgreSQL's fast stop. */
    private static final Duration STOP_BOUND = GracefulStop.TIMEOUT.plusSeconds(15);
    /** 33 bytes at 80 ms: a body that takes 2.6 s to arrive, well inside GracefulStop.TIMEOUT. */
    private static final Duration PER_BYTE = Duration.ofMillis(80);

    @TempDir
    Path temp;

    private final List<ServeProcess> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        ServeProcess.closeAll(processes);
    }

    @Test
    void sigtermFinishesTheRequestsInFlightAndStopsTheDatabaseCleanly() throws Exception {
        Path data = temp.resolve("data");
        ServeProcess server = started(data, "serve-1.log");
        String token = server.accounts().create("stopper@example.com", "Tester stopper", "stopper");
        String parent = server.api().postCrud(token, "a crud to reply to", "7-days");
        int port = server.port();

        List<SlowPost> slow = new ArrayList<>();
        try {
            slow.add(new SlowPost(port, "/api/activities", token, "{\"message\":\"slow one\",\"ttl\":\"7-days\"}", PER_BYTE, 99));
            slow.add(new SlowPost(port, "/api/activities", token, "{\"message\":\"slow two\",\"ttl\":\"7-days\"}", PER_BYTE, 99));
            slow.add(new SlowPost(port, "/api/activities/" + parent + "/reply", token,
                    "{\"message\":\"a slow reply to it\"}", PER_BYTE, 99));
            // A client that sends one byte of its body and nothing more must not hold the stop up.
            slow.add(new SlowPost(port, "/api/activities", token,
                    "{\"message\":\"never\",\"ttl\":\"7-days\"}", PER_BYTE, 1));
            stopWithFourRequestsInFlight(server, data, parent, slow);
        } finally {
            for (SlowPost post : slow) {
                post.close();
            }
        }
    }

    private void stopWithFourRequestsInFlight(ServeProcess server, Path data, String parent, List<SlowPost> all)
            throws Exception {
        int port = server.port();
        ProcessHandle postmaster = ServeProcess.postmaster(data).orElseThrow();
        for (SlowPost post : all) {
            post.awaitHandled(Duration.ofSeconds(30)); // its handler reads the body: it is in flight
        }
        List<SlowPost> slow = all.subList(0, 3);
        SlowPost stalled = all.get(3);

        long stopping = System.nanoTime();
        server.terminate();
        server.awaitLine("Stopping: finishing 4 in-flight requests", Duration.ofSeconds(10));
        server.terminate(); // a second SIGTERM while stopping changes nothing
        // "Stopping:" is logged just before Jetty closes its connector: a request in that moment
        // may still be served. Once one is not, none is.
        List<String> latecomers = refusedFromNowOn(port, Duration.ofSeconds(10));

        for (SlowPost post : slow) {
            RawHttp.Response response = post.awaitResponse(Duration.ofSeconds(30));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
        Optional<Integer> exit = server.awaitExit(STOP_BOUND);
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        System.out.printf("%nGracefulStopIT: SIGTERM to exit in %d ms, exit status %s; the server's output:%n%s%n",
                stopMillis, exit.orElse(null), server.output());

        assertThat(exit).as("exit status, within %s", STOP_BOUND).contains(143);
        assertThat(stalled.awaitResponse(Duration.ofSeconds(5)).status()).isNotEqualTo(201);
        assertThat(latecomers).as("requests on new connections after the stop began refusing them")
                .noneMatch(status -> status.startsWith("HTTP/1.1 2"));
        assertThat(server.lines()).filteredOn(line -> line.contains("Stopping:")).hasSize(1);
        assertThat(server.output()).containsPattern("Stopped in \\d+ ms").doesNotContain("cut off");
        assertStopped(postmaster);
        assertThat(data.resolve("postgres/postmaster.pid")).doesNotExist();
        String postgresLog = postgresLog(data);
        assertThat(postgresLog).contains(CLEAN_SHUTDOWN);

        ServeProcess restarted = started(data, "serve-2.log");
        assertThat(postgresLog(data).substring(postgresLog.length())).doesNotContain(RECOVERY);
        ApiClient again = restarted.api();
        for (SlowPost post : slow) {
            String uuid = JSON.readTree(post.awaitResponse(Duration.ZERO).body()).path("uuid").asText();
            assertThat(again.get("/api/activities/" + uuid).status()).isEqualTo(200);
        }
        JsonNode parentPage = again.get("/api/activities/" + parent).json();
        assertThat(parentPage.toString()).contains("a slow reply to it");
        assertThat(parentPage.findValue("replies_count").asInt()).isEqualTo(1);
    }

    /**
     * SIGTERM while the server is still starting (migrations): the stop waits for the start and
     * then stops everything, rather than leaving the embedded PostgreSQL running.
     */
    @Test
    void sigtermDuringTheStartStillStopsTheDatabase() throws Exception {
        Path data = temp.resolve("data");
        ServeProcess server = ServeProcess.fromJar(temp.resolve("serve-1.log")).dataDirectory(data).launch();
        processes.add(server);
        server.awaitLine("Embedded PostgreSQL on", Duration.ofSeconds(90));
        ProcessHandle postmaster = ServeProcess.postmaster(data).orElseThrow();

        server.terminate();

        assertThat(server.awaitExit(Duration.ofSeconds(60))).isPresent();
        assertStopped(postmaster);
        assertThat(postgresLog(data)).contains(CLEAN_SHUTDOWN);
        assertThat(server.output()).containsPattern("Stopped in \\d+ ms");
    }

    /**
     * pg_ctl stop returns once PostgreSQL has removed its postmaster.pid, a moment before the
     * process is gone (and reaped: its parent is init by then).
     */
    private static void assertStopped(ProcessHandle postmaster) throws Exception {
        try {
            postmaster.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the embedded PostgreSQL (pid " + postmaster.pid() + ") still runs", e);
        }
    }

    /**
     * Health checks on new connections until one is not served (refused, closed or answered
     * other than 2xx), at most {@code bound}; then three more. Their status lines from the first
     * one not served on.
     */
    private static List<String> refusedFromNowOn(int port, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        String first;
        while ((first = healthCheckOnNewConnection(port)).startsWith("HTTP/1.1 2")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("new connections still served " + bound + " after the stop began: " + first);
            }
            Thread.sleep(20);
        }
        List<String> refused = new ArrayList<>(List.of(first));
        for (int i = 0; i < 3; i++) {
            refused.add(healthCheckOnNewConnection(port));
        }
        return refused;
    }

    /** A GET on a fresh connection: its status line, or what went wrong instead. */
    private static String healthCheckOnNewConnection(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/health-check HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.isEmpty() ? "closed without an answer" : response.lines().findFirst().orElseThrow();
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }

    private ServeProcess started(Path data, String logName) throws IOException, InterruptedException {
        ServeProcess process = ServeProcess.fromJar(temp.resolve(logName)).dataDirectory(data).launch();
        processes.add(process);
        process.awaitListening();
        return process;
    }

    private static String postgresLog(Path data) throws IOException {
        return Files.readString(data.resolve("postgres.log"), StandardCharsets.UTF_8);
    }
}
