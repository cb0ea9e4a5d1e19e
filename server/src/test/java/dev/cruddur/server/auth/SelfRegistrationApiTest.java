package dev.cruddur.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ApiClient;
import dev.cruddur.server.ApiClient.Response;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.server.TestServer;
import dev.cruddur.testing.TestData;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A person whose sign-up trigger never registered them: signed in with a valid token, no row.
 * The server asks the pool who they are (GetUser, through the AWS SDK, over HTTP to the test
 * pool) and registers them through the trigger's own code.
 */
class SelfRegistrationApiTest {

    private static final String CRUD = "{\"message\":\"first words\",\"ttl\":\"1-hour\"}";

    private static FakeCognitoPool pool;
    private static TestServer server;
    private static ApiClient api;
    private static TestData data;

    @BeforeAll
    static void start() {
        pool = FakeCognitoPool.start();
        server = TestServer.trusting(pool).start();
        api = server.client();
        data = new TestData(server.database().jdbi());
    }

    @AfterAll
    static void stop() {
        server.close();
        pool.close();
    }

    @AfterEach
    void poolAnswersNormally() {
        pool.answerGetUserWith(0, null);
    }

    private static String newPerson(String handle) {
        String sub = UUID.randomUUID().toString();
        pool.addPerson(sub, Map.of("email", handle + "@example.com", "email_verified", "true",
                "name", "Name of " + handle, "preferred_username", handle));
        return sub;
    }

    private static long rows(String sub) {
        return data.count("SELECT count(*) FROM users WHERE cognito_user_id = '" + sub + "'");
    }

    @Test
    void aValidTokenWithoutARowPostsAndCreatesExactlyOneRow() {
        String sub = newPerson("late_lucy");
        String token = pool.accessTokenFor(sub);
        int asked = pool.getUserRequests();

        Response first = api.postJson("/api/activities", CRUD, token);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("handle").asText()).isEqualTo("late_lucy");
        assertThat(first.json().get("display_name").asText()).isEqualTo("Name of late_lucy");
        assertThat(rows(sub)).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM users WHERE cognito_user_id = '" + sub
                + "' AND email = 'late_lucy@example.com'")).isEqualTo(1);

        Response second = api.postJson("/api/activities", CRUD, token);
        assertThat(second.status()).isEqualTo(201);
        assertThat(rows(sub)).isEqualTo(1);
        assertThat(pool.getUserRequests() - asked).as("GetUser is asked only while the row is missing").isEqualTo(1);
    }

    @Test
    void concurrentFirstRequestsStillMakeOneRow() throws Exception {
        String sub = newPerson("eager_ed");
        String token = pool.accessTokenFor(sub);
        int callers = 12;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<CompletableFuture<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                statuses.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return api.postJson("/api/activities", CRUD, token).status();
                }, threads));
            }
            go.countDown();

            assertThat(statuses).extracting(CompletableFuture::join).containsOnly(201);
            assertThat(rows(sub)).isEqualTo(1);
            assertThat(data.count("SELECT count(*) FROM activities a JOIN users u ON u.uuid = a.user_uuid"
                    + " WHERE u.cognito_user_id = '" + sub + "'")).isEqualTo(callers);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRegisteredUserIsNeverLookedUpInThePool() {
        SignedUpUser known = SignedUpUser.register(server.database(), "known_kim", "Kim");
        int asked = pool.getUserRequests();

        assertThat(api.postJson("/api/activities", CRUD, pool.accessTokenFor(known.sub())).status()).isEqualTo(201);
        assertThat(pool.getUserRequests()).isEqualTo(asked);
    }

    @Test
    void aPoolThatCannotBeReachedIs503AndWritesNothing() {
        String sub = newPerson("unlucky_una");
        pool.answerGetUserWith(500, "{\"__type\":\"InternalErrorException\",\"message\":\"boom\"}");

        Response response = api.postJson("/api/activities", CRUD, pool.accessTokenFor(sub));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.errorCodes()).containsExactly("identity_provider_unavailable");
        assertThat(response.header("Retry-After")).isNotNull();
        assertThat(response.body()).doesNotContain("boom").doesNotContain("Exception");
        assertThat(rows(sub)).isZero();

        pool.answerGetUserWith(0, null);
        assertThat(api.postJson("/api/activities", CRUD, pool.accessTokenFor(sub)).status())
                .as("once the pool answers again").isEqualTo(201);
        assertThat(rows(sub)).isEqualTo(1);
    }

    @Test
    void aTokenThePoolHasRevokedIs401() {
        String sub = newPerson("revoked_rob");
        pool.answerGetUserWith(400, "{\"__type\":\"NotAuthorizedException\",\"message\":\"Access Token has been revoked\"}");

        Response response = api.postJson("/api/activities", CRUD, pool.accessTokenFor(sub));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCodes()).containsExactly("token_invalid");
        assertThat(rows(sub)).isZero();
    }

    @Test
    void aHandleSomeoneElseHasIs403WithTheReason() {
        SignedUpUser.register(server.database(), "taken_tom", "Tom");
        String sub = newPerson("TAKEN_TOM");

        Response response = api.postJson("/api/activities", CRUD, pool.accessTokenFor(sub));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCodes()).containsExactly("user_not_registered");
        assertThat(response.json().get("message").asText()).contains("'TAKEN_TOM' is taken");
        assertThat(rows(sub)).isZero();
    }

    @Test
    void withoutAnAddressForThePoolsApiAPersonWithoutARowIs403() {
        // Only COGNITO_ISSUER known (a loopback one): no region, no COGNITO_ENDPOINT, so GetUser cannot be asked.
        try (TestServer issuerOnlyServer = TestServer.trusting(pool).environment("COGNITO_ENDPOINT", null)
                .environment("AWS_REGION", null).start()) {
            String sub = newPerson("unreachable_uma");
            int asked = pool.getUserRequests();

            Response response = issuerOnlyServer.client().postJson("/api/activities", CRUD, pool.accessTokenFor(sub));

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.errorCodes()).containsExactly("user_not_registered");
            assertThat(pool.getUserRequests()).isEqualTo(asked);
        }
    }

    @Test
    void notificationsAlsoRegisterTheReader() {
        String sub = newPerson("reader_rae");

        Response response = api.get("/api/activities/notifications", pool.accessTokenFor(sub));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEmpty();
        assertThat(rows(sub)).isEqualTo(1);
    }
}
