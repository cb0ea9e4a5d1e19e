package dev.cruddur.cli;

import dev.cruddur.testkit.http.ApiClient;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Several clients posting at once, each one request at a time, until the server goes away: two
 * cruds, then a reply to one of the given parents, over and over. Remembers every post the server
 * answered 201, and anything else it answered (which a healthy server never does here).
 */
final class PostStream {

    /** Bounds the stream whatever happens to the server: a test never loops for ever. */
    private static final int MAX_POSTS_PER_CLIENT = 2_000;

    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Map<String, String> answeredReplies = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<Thread> clients = new ArrayList<>();

    /** Starts {@code clientCount} clients, the tokens taken in turn. */
    PostStream(ApiClient api, List<String> tokens, List<String> parents, int clientCount) {
        for (int i = 0; i < clientCount; i++) {
            int client = i;
            Thread thread = new Thread(() -> run(api, tokens.get(client % tokens.size()), parents, client),
                    "post-stream-" + client);
            clients.add(thread);
            thread.start();
        }
    }

    private void run(ApiClient api, String token, List<String> parents, int client) {
        for (int n = 0; n < MAX_POSTS_PER_CLIENT && !stopped.get(); n++) {
            boolean isReply = n % 3 == 2;
            String parent = parents.get((client + n) % parents.size());
            try {
                ApiClient.Response response = isReply
                        ? api.postJson("/api/activities/" + parent + "/reply",
                                "{\"message\":\"reply " + n + " of client " + client + "\"}", token)
                        : api.postJson("/api/activities",
                                "{\"message\":\"crud " + n + " of client " + client + "\",\"ttl\":\"7-days\"}", token);
                if (response.status() == 201) {
                    String uuid = response.json().path("uuid").asText();
                    answered.add(uuid);
                    if (isReply) {
                        answeredReplies.put(uuid, parent);
                    }
                } else {
                    unexpected.add(response.status() + " " + response.body());
                }
            } catch (UncheckedIOException e) {
                return; // the server is gone: this client stops
            }
        }
    }

    void awaitAnswered(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answered.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + answered.size() + " posts answered in " + timeout + "; others: "
                        + unexpected);
            }
            Thread.sleep(10);
        }
    }

    /** Stops the clients that are still running and waits for all of them. */
    void stop() throws InterruptedException {
        stopped.set(true);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(60).toMillis());
        }
    }

    /** Every crud and reply the server answered 201. */
    Set<String> answered() {
        return Set.copyOf(answered);
    }

    /** The answered replies, each with its parent. */
    Map<String, String> answeredReplies() {
        return Map.copyOf(answeredReplies);
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }
}
