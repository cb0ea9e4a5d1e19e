package dev.cruddur.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.RawHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the server listens, seen from another address of this machine: 127.0.0.2 is loopback
 * too (on Linux all of 127.0.0.0/8 is), but a server bound to 127.0.0.1 alone does not answer
 * there, exactly as it does not answer on the machine's network addresses.
 */
class ListenAddressTest {

    private static final String HEALTH = RawHttp.get("/api/health-check", "localhost");

    @TempDir
    Path dataDirectory;

    @Test
    void withTheDevelopmentIdentityProviderOnlyThisMachineCanConnect() throws IOException {
        try (TestServer server = TestServer.withLocalIdentity(dataDirectory).start()) {
            assertThat(RawHttp.exchange(server.port(), HEALTH).status()).isEqualTo(200);
            assertThatThrownBy(() -> RawHttp.exchange(null, address("127.0.0.2"), server.port(), HEALTH))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void theOperatorMayOpenItToEveryInterfaceAndIsWarned() throws IOException {
        long before = ServerLog.size();
        try (TestServer server = TestServer.withLocalIdentity(dataDirectory)
                .environment("HOST", "0.0.0.0").start()) {
            assertThat(RawHttp.exchange(null, address("127.0.0.2"), server.port(), HEALTH).status()).isEqualTo(200);
            assertThat(ServerLog.linesSince(before)).anyMatch(line -> line.contains("WARN")
                    && line.contains("Listening on 0.0.0.0 with the development identity provider"));
        }
    }

    @Test
    void withCognitoItListensOnEveryInterface() throws IOException {
        try (FakeCognitoPool issuer = FakeCognitoPool.start();
             TestServer server = TestServer.trusting(issuer).start()) {
            assertThat(RawHttp.exchange(null, address("127.0.0.2"), server.port(), HEALTH).status()).isEqualTo(200);
        }
    }

    @Test
    void aTakenPortIsSaidPlainlyAndTheOtherServerKeepsIt() throws IOException {
        try (TestServer first = TestServer.withLocalIdentity(dataDirectory).start()) {
            int taken = first.port();
            assertThatThrownBy(() -> TestServer.withLocalIdentity(dataDirectory.resolve("second"))
                    .environment("PORT", String.valueOf(taken)).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Port " + taken + " on 127.0.0.1 is in use: stop what listens there,"
                            + " or choose another port (PORT, or serve --port)");
            assertThat(RawHttp.exchange(taken, HEALTH).status()).isEqualTo(200);
        }
    }

    private static InetAddress address(String literal) throws IOException {
        return InetAddress.getByName(literal);
    }
}
