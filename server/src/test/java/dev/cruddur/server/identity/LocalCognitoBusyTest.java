package dev.cruddur.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cruddur.server.FullAdmission;
import dev.cruddur.server.TestServer;
import java.nio.file.Path;
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
        try (TestServer app = TestServer.withLocalIdentity(directory).poolSize(POOL_SIZE).start();
             LocalCognitoSdk cognito = new LocalCognitoSdk(app.port())) {
            // The SDK's first call loads and sets up much: done before the load, it is not timed by it.
            catchThrowableOfType(NotAuthorizedException.class, () -> cognito.signIn("nobody@example.com", LocalCognitoSdk.PASSWORD));
            TooManyRequestsException busy;
            try (FullAdmission full = new FullAdmission(app)) {
                busy = catchThrowableOfType(TooManyRequestsException.class,
                        () -> cognito.signIn("someone@example.com", LocalCognitoSdk.PASSWORD));
            }
            assertThat(busy).as("InitiateAuth with every permit taken").isNotNull();
            assertThat(busy.statusCode()).isEqualTo(400);
            assertThat(busy.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
            assertThat(busy.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")).hasValue("1");
            assertThat(busy.awsErrorDetails().errorMessage()).contains("try again shortly");
        }
    }
}
