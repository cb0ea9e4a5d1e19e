package dev.cruddur.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.TestServer;
import dev.cruddur.testing.StreamingReplica;
import dev.cruddur.testing.TestDatabase;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.ApiClient;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one primary and its streaming replica (two real PostgreSQL servers,
 * {@link StreamingReplica}), as behind a load balancer without stickiness: whoever writes reads
 * their write on either instance even while the replica is held back; someone not signed in is
 * answered by the replica (shown by what it does not have yet); a replica behind by more than the
 * bound, or stopped, is skipped without an error and used again once it is back.
 */
class ReadReplicasApiTest {

    /** Long enough that the reads below, made while the replica is within it, fit in it on a loaded machine. */
    private static final Duration MAX_LAG = Duration.ofSeconds(8);

    private static StreamingReplica postgres;
    private static FakeCognitoPool pool;
    private static TestServer one;
    private static TestServer two;
    private static ApiClient first;
    private static ApiClient second;

    @BeforeAll
    static void start() {
        postgres = StreamingReplica.start();
        pool = FakeCognitoPool.start();
        one = server();
        two = server();
        first = one.client();
        second = two.client();
    }

    private static TestServer server() {
        return TestServer.trusting(pool).onDatabase(postgres.primary())
                .environment("DATABASE_READ_URL", TestDatabase.plainUrl(postgres.replica()))
                .environment("CRUDDUR_REPLICA_MAX_LAG", MAX_LAG.toSeconds() + "s")
                .start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable resource : new AutoCloseable[] {one, two, pool, postgres}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                // the next is closed all the same
            }
        }
    }

    @Test
    void aWriterReadsTheirWritesOnEveryInstanceWhileTheReplicaIsHeldBackAndTheAnonymousReadTheReplica() {
        String alice = person("alice_rw");
        String bob = person("bob_rw");
        String before = first.postCrud(alice, "alice before the pause", "1-day");
        first.postCrud(bob, "bob was here", "1-day");
        replicaInUse();

        postgres.pauseReplay();
        try {
            String held = first.postCrud(alice, "alice while the replica is held back", "1-day");
            assertThat(ok(second.send("PUT", "/api/users/@alice_rw/follow", bob)).get("following").asBoolean()).isTrue();
            ok(first.send("PUT", "/api/activities/" + before + "/like", bob));

            // Not signed in: the replica answers, and it has not replayed the new crud yet...
            String anonymous = ok(second.get("/api/activities/@alice_rw")).toString();
            assertThat(anonymous).contains("alice before the pause").doesNotContain("held back");
            assertThat(ok(second.get("/api/users/@bob_rw/following")).toString()).doesNotContain("alice_rw");
            // ...but a link to it, which the replica says is not there, is followed on the primary.
            assertThat(second.get("/api/activities/" + held).status()).isEqualTo(200);

            // The writers, meanwhile, read what they wrote on either instance.
            for (ApiClient api : List.of(first, second)) {
                assertThat(ok(api.get("/api/activities/@alice_rw", alice)).toString()).contains("held back");
                assertThat(ok(api.get("/api/activities/home", alice)).toString()).contains("held back");
                assertThat(api.get("/api/activities/" + held, alice).status()).isEqualTo(200);
                assertThat(ok(api.get("/api/users/@bob_rw/following", bob)).toString()).contains("alice_rw");
                assertThat(ok(api.get("/api/activities/" + before, bob)).get("liked_by_me").asBoolean()).isTrue();
                assertThat(ok(api.get("/api/activities/following", bob)).toString()).contains("held back");
            }

            // All that while the replica was still in use for the others.
            assertThat(ok(first.get("/api/activities/@alice_rw")).toString()).doesNotContain("held back");

            // Past the bound the replica is skipped for everybody, and the anonymous see the crud too.
            await("the held-back replica skipped", Duration.ofSeconds(30),
                    () -> second.get("/api/activities/@alice_rw").body().contains("held back"));
            assertThat(two.replicas()).singleElement().satisfies(r -> assertThat(r.usable()).isFalse());
        } finally {
            postgres.resumeReplay();
        }
        replicaInUse();
    }

    @Test
    void aStoppedReplicaIsSkippedWithoutAnErrorAndUsedAgainOnceItIsBack() throws Exception {
        String carol = person("carol_rw");
        first.postCrud(carol, "carol's first", "1-day");
        replicaInUse();

        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                for (ApiClient api : List.of(first, second)) {
                    statuses.merge(api.get("/api/activities/@carol_rw").status(), 1, Integer::sum);
                    statuses.merge(api.get("/api/activities/search?term=first").status(), 1, Integer::sum);
                }
            }
        });
        reader.start();
        try {
            Thread.sleep(500);
            postgres.stopReplica();
            await("the stopped replica skipped", Duration.ofSeconds(10),
                    () -> !one.replicas().get(0).usable() && !two.replicas().get(0).usable());
            Thread.sleep(2000);
            postgres.startReplica();
            replicaInUse();
            Thread.sleep(500);
        } finally {
            reading.set(false);
            reader.join();
        }
        assertThat(statuses.keySet()).as("every answer, replica stopped or not: " + statuses).containsOnly(200);
        assertThat(statuses.get(200)).isGreaterThan(20);

        // In use again: an anonymous read misses what the held-back replica has not replayed.
        postgres.pauseReplay();
        try {
            first.postCrud(carol, "carol's second", "1-day");
            assertThat(ok(first.get("/api/activities/@carol_rw", carol)).toString()).contains("carol's second");
            assertThat(ok(first.get("/api/activities/@carol_rw")).toString()).doesNotContain("carol's second");
        } finally {
            postgres.resumeReplay();
        }
    }

    /** A new person in the pool; their first request registers them (on the primary). */
    private static String person(String handle) {
        String sub = UUID.randomUUID().toString();
        pool.addPerson(sub, Map.of("email", handle + "@example.com", "email_verified", "true",
                "name", "Name of " + handle, "preferred_username", handle));
        return pool.accessTokenFor(sub);
    }

    /** Both instances read from the replica again: it has caught up and a check has seen it. */
    private static void replicaInUse() {
        postgres.awaitCaughtUp(Duration.ofSeconds(20));
        await("the replica in use on both instances", Duration.ofSeconds(20),
                () -> one.replicas().get(0).usable() && two.replicas().get(0).usable());
    }

    private static com.fasterxml.jackson.databind.JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static void await(String what, Duration within, BooleanSupplier condition) {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within " + within + ": " + what);
    }
}
