package dev.cruddur.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writers and readers through the balancer, each one request at a time, until stopped. A writer
 * posts a crud and then reads its own feed, signed in, until a read answers 200: that read must
 * contain the crud the writer was just told was stored (read-your-writes). Readers read feeds
 * and search anonymously. Every exchange is recorded with when it started and ended, so a 5xx
 * can be held against what was happening to the cluster at that moment.
 */
final class ClusterLoad {

    /** One request: its times ({@link System#nanoTime}), and its status, or -1 when no answer came. */
    record Exchange(String what, long started, long ended, int status, String detail) {

        boolean overlaps(long from, long to) {
            return started <= to && ended >= from;
        }

        boolean serverError() {
            return status >= 500 || status < 0;
        }
    }

    /** A writer's read that did not contain the crud it had just posted. */
    record StaleRead(String handle, String posted, String readBody) {
    }

    /** Bounds a writer's retries of one read while instances die. */
    private static final int READ_ATTEMPTS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<StaleRead> staleReads = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> readsChecked = new ConcurrentHashMap<>();

    /** @param writers handle to access token, one writer each */
    ClusterLoad(int balancerPort, Map<String, String> writers, int readers) {
        this.base = "http://127.0.0.1:" + balancerPort;
        List<String> handles = List.copyOf(writers.keySet());
        writers.forEach((handle, token) -> start("writer-" + handle, () -> write(handle, token)));
        for (int i = 0; i < readers; i++) {
            int reader = i;
            start("reader-" + i, () -> read(reader, handles));
        }
    }

    private void start(String name, Runnable body) {
        Thread thread = new Thread(body, "cluster-load-" + name);
        threads.add(thread);
        thread.start();
    }

    private void write(String handle, String token) {
        for (int n = 0; !stopped.get(); n++) {
            String body = JSON.createObjectNode().put("message", "cluster write " + n + " by " + handle)
                    .put("ttl", "1-day").toString();
            Exchange post = send("POST /api/activities", HttpRequest.newBuilder(URI.create(base + "/api/activities"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (post.status() != 201) {
                continue;
            }
            String uuid = json(post.detail()).path("uuid").asText();
            acknowledged.add(uuid);
            checkOwnRead(handle, token, uuid);
        }
    }

    /** The writer's next read of its own feed that is answered at all must hold the crud. */
    private void checkOwnRead(String handle, String token, String uuid) {
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            Exchange read = send("GET own feed", HttpRequest.newBuilder(URI.create(base + "/api/activities/@" + handle))
                    .header("Authorization", "Bearer " + token).GET());
            if (read.status() == 200) {
                boolean found = false;
                for (JsonNode activity : json(read.detail())) {
                    found |= uuid.equals(activity.path("uuid").asText());
                }
                if (!found) {
                    staleReads.add(new StaleRead(handle, uuid, read.detail()));
                }
                readsChecked.merge(handle, 1, Integer::sum);
                return;
            }
        }
        staleReads.add(new StaleRead(handle, uuid, "no read answered 200 in " + READ_ATTEMPTS + " attempts"));
    }

    private void read(int reader, List<String> handles) {
        List<String> paths = new ArrayList<>(List.of("/api/activities/home", "/api/activities/search?term=cluster"));
        handles.forEach(handle -> paths.add("/api/activities/@" + handle));
        for (int n = reader; !stopped.get(); n++) {
            String path = paths.get(n % paths.size());
            send("GET " + path, HttpRequest.newBuilder(URI.create(base + path)).GET());
        }
    }

    private Exchange send(String what, HttpRequest.Builder request) {
        long started = System.nanoTime();
        Exchange exchange;
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            exchange = new Exchange(what, started, System.nanoTime(), response.statusCode(), response.body());
        } catch (IOException e) {
            exchange = new Exchange(what, started, System.nanoTime(), -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.set(true);
            exchange = new Exchange(what, started, System.nanoTime(), -1, "interrupted");
        }
        // Keep the body only where it explains something: the log of a long run stays small.
        exchanges.add(exchange.status() == 200 || exchange.status() == 201
                ? new Exchange(what, started, exchange.ended(), exchange.status(), "") : exchange);
        return exchange;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    void stop() throws InterruptedException {
        stopped.set(true);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60).toMillis());
        }
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    List<StaleRead> staleReads() {
        return List.copyOf(staleReads);
    }

    /** Checked reads per writer. */
    Map<String, Integer> readsChecked() {
        return Map.copyOf(readsChecked);
    }

    /** Answered exchanges so far: the test waits on this to let load build between its steps. */
    int answered() {
        return exchanges.size();
    }
}
