package dev.cruddur.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cruddur.server.ApiClient;
import dev.cruddur.server.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

/**
 * When the server's admission limit is reached, the development identity provider turns an
 * action away in Cognito's own format, so the AWS SDKs see a typed throttling error (which they
 * retry with back-off) instead of an error they cannot read.
 */
class LocalCognitoBusyTest {

    private static final int POOL_SIZE = 1;

    @Test
    void anActionBeyondTheAdmissionLimitIsThrottledTheCognitoWay(@TempDir Path directory) throws Exception {
        try (TestServer app = TestServer.startWithLocalIdentity(directory, POOL_SIZE);
             LocalCognito cognito = new LocalCognito(app.port());
             Connection locker = app.database().dataSource().getConnection()) {
            ApiClient api = app.client();
            // The SDK's first call loads and sets up much: done before the load, it is not timed by it.
            catchThrowableOfType(NotAuthorizedException.class, () -> cognito.signIn("nobody@example.com", LocalCognito.PASSWORD));
            // Reads that wait on a locked table (until PostgreSQL cancels them after 1.5 s) hold every permit.
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE activities IN ACCESS EXCLUSIVE MODE");
            }
            // One more reader than permits, each asking again as soon as it is answered.
            AtomicBoolean loading = new AtomicBoolean(true);
            List<CompletableFuture<Void>> reads = new ArrayList<>();
            for (int i = 0; i <= app.admissionLimit(); i++) {
                reads.add(CompletableFuture.runAsync(() -> {
                    while (loading.get()) {
                        api.get("/api/activities/search?term=busy");
                    }
                }, Executors.newSingleThreadExecutor()));
            }
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (app.requestsInFlight() < app.admissionLimit() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(app.requestsInFlight()).isEqualTo(app.admissionLimit());

            TooManyRequestsException busy = catchThrowableOfType(TooManyRequestsException.class,
                    () -> cognito.signIn("someone@example.com", LocalCognito.PASSWORD));

            loading.set(false);
            locker.rollback();
            reads.forEach(CompletableFuture::join);
            assertThat(busy).as("InitiateAuth with every permit taken").isNotNull();
            assertThat(busy.statusCode()).isEqualTo(400);
            assertThat(busy.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
            assertThat(busy.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")).hasValue("1");
            assertThat(busy.awsErrorDetails().errorMessage()).contains("try again shortly");
        }
    }
}
