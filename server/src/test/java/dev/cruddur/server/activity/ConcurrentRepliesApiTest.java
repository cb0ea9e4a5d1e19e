package dev.cruddur.server.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.SignedUpUser;
import dev.cruddur.server.TestServer;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentRepliesApiTest {

    @Test
    void fiftyParallelRepliesCountExactlyFifty() throws Exception {
        try (FakeCognitoPool issuer = FakeCognitoPool.start();
             // Thirteen connections admit 52 requests at once (four a connection), so all fifty
             // replies are let in together and meet at the crud's row: with the default ten, a
             // burst that overlaps more than forty is rightly turned away (503 server_busy).
             TestServer server = TestServer.trusting(issuer).poolSize(13).start()) {
            ApiClient api = server.client();
            SignedUpUser author = SignedUpUser.register(server.database(), "author", "Author");
            SignedUpUser fan = SignedUpUser.register(server.database(), "fan", "Fan");
            String token = issuer.accessTokenFor(fan.sub());
            String crud = api.postJson("/api/activities", "{\"message\":\"hot crud\",\"ttl\":\"1-day\"}",
                    issuer.accessTokenFor(author.sub())).json().get("uuid").asText();

            int replies = 50;
            ExecutorService pool = Executors.newFixedThreadPool(replies);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < replies; i++) {
                int n = i;
                statuses.add(pool.submit(() -> {
                    go.await();
                    return api.postJson("/api/activities/" + crud + "/reply", "{\"message\":\"reply " + n + "\"}", token)
                            .status();
                }));
            }
            go.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(201);
            }
            pool.shutdown();

            assertThat(api.get("/api/activities/" + crud + "?limit=100").json().get("replies_count").asInt())
                    .isEqualTo(replies);
            int rows = server.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM activities WHERE reply_to_activity_uuid = :crud::uuid")
                    .bind("crud", crud).mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(replies);
        }
    }
}
