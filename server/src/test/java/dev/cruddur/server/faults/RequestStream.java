package dev.cruddur.server.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Clients that send requests one after another, each cycling through the same list of
 * requests, until stopped; every answer is kept with when it was asked and how long it took.
 */
final class RequestStream implements AutoCloseable {

    /** One kind of request: a name for messages, and a fresh request each time. */
    record Probe(String name, Supplier<HttpRequest> request) {
    }

    /** One answer (status -1: no answer, the client gave up or the connection failed). */
    record Outcome(String probe, long startedNanos, long tookNanos, int status, String body, String retryAfter,
                   String contentType) {

        Duration took() {
            return Duration.ofNanos(tookNanos);
        }

        @Override
        public String toString() {
            return probe + " -> " + status + " in " + took().toMillis() + " ms: "
                    + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running = true;

    RequestStream(int clientCount, List<Probe> probes) {
        for (int i = 0; i < clientCount; i++) {
            int first = i;
            Thread client = new Thread(() -> {
                for (int next = first; running && !Thread.currentThread().isInterrupted(); next++) {
                    outcomes.add(send(probes.get(next % probes.size())));
                }
            }, "request-stream-" + i);
            client.setDaemon(true);
            clients.add(client);
        }
        clients.forEach(Thread::start);
    }

    /** Sends a fresh request of the probe's and keeps what came back, and when. */
    static Outcome send(Probe probe) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(probe.request().get(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(probe.name(), started, System.nanoTime() - started, response.statusCode(),
                    response.body(), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Outcome(probe.name(), started, System.nanoTime() - started, -1, e.toString(), null, "");
        }
    }

    /** The requests sent and answered between the two instants (of {@link System#nanoTime()}). */
    List<Outcome> within(long fromNanos, long toNanos) {
        return outcomes.stream()
                .filter(o -> o.startedNanos() >= fromNanos && o.startedNanos() + o.tookNanos() < toNanos)
                .toList();
    }

    /** The answers that arrived before the instant. */
    List<Outcome> answeredBefore(long nanos) {
        return outcomes.stream().filter(o -> o.startedNanos() + o.tookNanos() < nanos).toList();
    }

    List<Outcome> all() {
        return List.copyOf(outcomes);
    }

    /** Stops the clients once their current request is answered (or after 30 s). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(30).toMillis());
        }
    }
}
