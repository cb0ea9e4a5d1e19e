package dev.cruddur.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.ServerPerClass;
import dev.cruddur.server.SignedUpUser;
import dev.cruddur.server.TestServer;
import dev.cruddur.testing.TestData;
import dev.cruddur.testkit.http.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A person whose sign-up trigger never registered them: signed in with a valid token, no row.
 * The server asks the pool who they are (GetUser, through the AWS SDK, over HTTP to the test
 * pool) and registers them through the trigger's own code.
 */
class SelfRegistrationApiTest {

    private static final String CRUD = "{\"message\":\"first words\",\"ttl\":\"1-hour\"}";

    @RegisterExtension
    static final ServerPerClass app = ServerPerClass.trustingAPool();

    private static TestData data;

    @BeforeAll
    static void start() {
        data = new TestData(app.server().database().jdbi());
    }

    @AfterEach
    void poolAnswersNormally() {
        app.pool().answerGetUserWith(0, null);
    }

    private static String newPerson(String handle) {
        String sub = UUID.randomUUID().toString();
        app.pool().addPerson(sub, Map.of("email", handle + "@example.com", "email_verified", "true",
                "name", "Name of " + handle, "preferred_username", handle));
        return sub;
    }

    private static long rows(String sub) {
        return data.count("SELECT count(*) FROM users WHERE cognito_user_id = '" + sub + "'");
    }

    @Test
    void aValidTokenWithoutARowPostsAndCreatesExactlyOneRow() {
        String sub = newPerson("late_lucy");
        String token = app.pool().accessTokenFor(sub);
        int asked = app.pool().getUserRequests();

        Response first = app.api().postJson("/api/activities", CRUD, token);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("handle").asText()).isEqualTo("late_lucy");
        assertThat(first.json().get("display_name").asText()).isEqualTo("Name of late_lucy");
        assertThat(rows(sub)).isEqualTo(1);
        assertThat(data.count("SELECT count(*) FROM users WHERE cognito_user_id = '" + sub
                + "' AND email = 'late_lucy@example.com'")).isEqualTo(1);

        Response second = app.api().postJson("/api/activities", CRUD, token);
        assertThat(second.status()).isEqualTo(201);
        assertThat(rows(sub)).isEqualTo(1);
        assertThat(app.pool().getUserRequests() - asked).as("GetUser is asked only while the row is missing").isEqualTo(1);
    }

    @Test
    void concurrentFirstRequestsStillMakeOneRow() throws Exception {
        String sub = newPerson("eager_ed");
        String token = app.pool().accessTokenFor(sub);
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
                    return app.api().postJson("/api/activities", CRUD, token).status();
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
        SignedUpUser known = app.register("known_kim", "Kim");
        int asked = app.pool().getUserRequests();

        assertThat(app.api().postJson("/api/activities", CRUD, app.tokenOf(known)).status()).isEqualTo(201);
        assertThat(app.pool().getUserRequests()).isEqualTo(asked);
    }

    @Test
    void aPoolThatCannotBeReachedIs503AndWritesNothing() {
        String sub = newPerson("unlucky_una");
        app.pool().answerGetUserWith(500, "{\"__type\":\"InternalErrorException\",\"message\":\"boom\"}");

        Response response = app.api().postJson("/api/activities", CRUD, app.pool().accessTokenFor(sub));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.errorCodes()).containsExactly("identity_provider_unavailable");
        assertThat(response.header("Retry-After")).isNotNull();
        assertThat(response.body()).doesNotContain("boom").doesNotContain("Exception");
        assertThat(rows(sub)).isZero();

        app.pool().answerGetUserWith(0, null);
        assertThat(app.api().postJson("/api/activities", CRUD, app.pool().accessTokenFor(sub)).status())
                .as("once the pool answers again").isEqualTo(201);
        assertThat(rows(sub)).isEqualTo(1);
    }

    @Test
    void aTokenThePoolHasRevokedIs401() {
        String sub = newPerson("revoked_rob");
        app.pool().answerGetUserWith(400, "{\"__type\":\"NotAuthorizedException\",\"message\":\"Access Token has been revoked\"}");

        Response response = app.api().postJson("/api/activities", CRUD, app.pool().accessTokenFor(sub));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCodes()).containsExactly("token_invalid");
        assertThat(rows(sub)).isZero();
    }

    @Test
    void aHandleSomeoneElseHasIs403WithTheReason() {
        app.register("taken_tom", "Tom");
        String sub = newPerson("TAKEN_TOM");

        Response response = app.api().postJson("/api/activities", CRUD, app.pool().accessTokenFor(sub));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorCodes()).containsExactly("user_not_registered");
        assertThat(response.json().get("message").asText()).contains("'TAKEN_TOM' is taken");
        assertThat(rows(sub)).isZero();
    }

    @Test
    void withoutAnAddressForThePoolsApiAPersonWithoutARowIs403() {
        // Only COGNITO_ISSUER known (a loopback one): no region, no COGNITO_ENDPOINT, so GetUser cannot be asked.
        try (TestServer issuerOnlyServer = TestServer.trusting(app.pool()).environment("COGNITO_ENDPOINT", null)
                .environment("AWS_REGION", null).start()) {
            String sub = newPerson("unreachable_uma");
            int asked = app.pool().getUserRequests();

            Response response = issuerOnlyServer.client().postJson("/api/activities", CRUD, app.pool().accessTokenFor(sub));

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.errorCodes()).containsExactly("user_not_registered");
            assertThat(app.pool().getUserRequests()).isEqualTo(asked);
        }
    }

    @Test
    void notificationsAlsoRegisterTheReader() {
        String sub = newPerson("reader_rae");

        Response response = app.api().get("/api/activities/notifications", app.pool().accessTokenFor(sub));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEmpty();
        assertThat(rows(sub)).isEqualTo(1);
    }
}
