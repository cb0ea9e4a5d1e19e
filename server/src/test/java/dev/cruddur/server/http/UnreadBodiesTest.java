package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ApiClient;
import dev.cruddur.server.ApiClient.Response;
import dev.cruddur.server.ServerSettings;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.server.TestServer;
import dev.cruddur.server.auth.TestIssuer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A body the server refuses before reading it (a bad token, too large) still gets its answer to
 * the client: without reading the rest first, the Java HTTP client lost about one such answer in
 * eight ("header parser received no bytes") when the connection closed under it.
 */
class UnreadBodiesTest {

    private static final int REQUESTS = 120;

    private static TestIssuer issuer;
    private static TestServer server;
    private static ApiClient api;
    private static SignedUpUser alice;

    @BeforeAll
    static void start() {
        issuer = TestIssuer.start();
        server = TestServer.start(issuer);
        api = server.client();
        alice = SignedUpUser.register(server.database(), "alice", "Alice Liddell");
    }

    @AfterAll
    static void stop() {
        server.close();
        issuer.close();
    }

    @Test
    void aLargeBodyRefusedForItsTokenAlwaysGetsThe401() throws Exception {
        String body = "{\"message\":\"" + "a".repeat(60_000) + "\",\"ttl\":\"1-hour\"}";
        assertThat(statusesOf(body, "not-a-token")).containsOnly(401);
    }

    @Test
    void aTooLargeBodyAlwaysGetsThe413() throws Exception {
        String body = "{\"message\":\"" + "a".repeat(200_000) + "\",\"ttl\":\"1-hour\"}";
        assertThat(statusesOf(body, issuer.accessTokenFor(alice.sub()))).containsOnly(413);
    }

    @Test
    void theMostReadOfARefusedBodyFollowsTheServersBodyLimit() {
        assertThat(new UnreadBodies(ServerSettings.DEFAULT_MAX_REQUEST_BYTES).limit()).isEqualTo(1024 * 1024);
        assertThat(new UnreadBodies(10_000).limit()).isEqualTo(160_000);
    }

    /** Each answer's status, or 0 where the client got no answer at all. */
    private static List<Integer> statusesOf(String body, String token) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(clients.submit(() -> {
                    try {
                        Response response = api.postJson("/api/activities", body, token);
                        return response.status();
                    } catch (UncheckedIOException e) {
                        return 0;
                    }
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            clients.shutdownNow();
        }
    }
}
