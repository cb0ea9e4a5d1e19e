package dev.cruddur.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both people of a conversation send at once, from many connections each, over real HTTP: every
 * acknowledged message is there exactly once, and in the order of commit. A message acknowledged
 * before another was sent committed before it, so it must come first; each sender's own messages
 * therefore come in the order they were sent; and the times follow the order.
 */
class ConcurrentMessagesApiTest {

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    private static final int SENDERS_PER_PERSON = 6;
    private static final int MESSAGES_PER_SENDER = 30;

    /** One acknowledged send: when it was sent and acknowledged (this JVM's clock), and what came back. */
    private record Ack(String uuid, String text, long sentNanos, long ackedNanos) {
    }

    @Test
    void everyAcknowledgedMessageIsThereOnceInCommitOrder() throws Exception {
        SignedUpUser ann = app.register("ann_cc", "Ann");
        SignedUpUser bob = app.register("bob_cc", "Bob");
        String annToken = app.tokenOf(ann);
        String bobToken = app.tokenOf(bob);
        for (String token : List.of(annToken, bobToken)) {
            assertThat(app.api().postJson("/api/profile/update", "{\"messages_from\":\"everyone\"}", token).status())
                    .isEqualTo(200);
        }
        // Both start "their" conversation at the same moment, by handle: one conversation results.
        ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> groups = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2 * SENDERS_PER_PERSON);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < 2 * SENDERS_PER_PERSON; s++) {
                boolean isAnn = s % 2 == 0;
                String token = isAnn ? annToken : bobToken;
                String to = isAnn ? "bob_cc" : "ann_cc";
                String sender = (isAnn ? "ann" : "bob") + s;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                        String text = sender + "-" + i;
                        long sent = System.nanoTime();
                        Response response = app.api().postJson("/api/messages",
                                "{\"message\":\"" + text + "\",\"ttl\":\"1-day\",\"handle\":\"" + to + "\"}", token);
                        long acked = System.nanoTime();
                        if (response.status() != 201) {
                            failures.add(response.status() + " " + response.body());
                            continue;
                        }
                        JsonNode body = response.json();
                        groups.add(body.get("message_group_uuid").asText());
                        acks.add(new Ack(body.get("uuid").asText(), text, sent, acked));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(new HashSet<>(groups)).hasSize(1);
        String group = groups.peek();

        // The conversation, oldest first, read page by page as Bob's client reads it.
        List<JsonNode> stored = new ArrayList<>();
        String path = "/api/messages/" + group + "?limit=100";
        while (path != null) {
            Response page = app.api().get(path, bobToken);
            assertThat(page.status()).isEqualTo(200);
            page.json().forEach(stored::add);
            String next = page.header("X-Next-Cursor");
            path = next == null ? null : "/api/messages/" + group + "?limit=100&cursor=" + next;
        }
        java.util.Collections.reverse(stored);

        int total = 2 * SENDERS_PER_PERSON * MESSAGES_PER_SENDER;
        assertThat(acks).hasSize(total);
        assertThat(stored).hasSize(total);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            position.put(stored.get(i).get("uuid").asText(), i);
        }
        assertThat(position).hasSize(total);
        for (Ack ack : acks) {
            assertThat(position).containsKey(ack.uuid());
            assertThat(stored.get(position.get(ack.uuid())).get("message").asText()).isEqualTo(ack.text());
        }
        // Acknowledged before the other was sent: committed before it, so listed before it.
        List<Ack> all = new ArrayList<>(acks);
        long pairs = 0;
        for (Ack earlier : all) {
            for (Ack later : all) {
                if (earlier.ackedNanos() < later.sentNanos()) {
                    pairs++;
                    assertThat(position.get(earlier.uuid())).as(earlier.text() + " acknowledged before " + later.text()
                            + " was sent").isLessThan(position.get(later.uuid()));
                }
            }
        }
        assertThat(pairs).isGreaterThan(total);
        // The times come from the database clock once the conversation is locked: they follow the order.
        for (int i = 1; i < stored.size(); i++) {
            assertThat(Instant.parse(stored.get(i).get("created_at").asText()))
                    .isAfterOrEqualTo(Instant.parse(stored.get(i - 1).get("created_at").asText()));
        }
        // Each side's list counts the other's messages as unread, up to 100.
        JsonNode annsList = app.api().get("/api/message_groups", annToken).json();
        assertThat(annsList).hasSize(1);
        assertThat(annsList.get(0).get("unread_count").asInt()).isEqualTo(100);
        assertThat(annsList.get(0).get("message").asText()).isEqualTo(stored.get(stored.size() - 1).get("message").asText());
    }
}
