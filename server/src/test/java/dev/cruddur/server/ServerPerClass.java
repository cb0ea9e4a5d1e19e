package dev.cruddur.server;

import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.cognito.FakeCognitoPool;
import dev.cruddur.testkit.http.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server for a whole test class: running the development identity provider with a data
 * directory of its own, or trusting a fake Cognito pool of its own. Started before the class's
 * {@code @BeforeAll} methods, closed after its {@code @AfterAll} ones.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServerPerClass app = ServerPerClass.withLocalIdentity();
 * }</pre>
 */
public final class ServerPerClass implements BeforeAllCallback {

    private final boolean trustingAPool;
    private final UnaryOperator<TestServer.Builder> setUp;
    /**
     * The class's store: JUnit closes what is put there once the class is done, after its
     * {@code @AfterAll} methods, the last put first: its clients, the server, the pool, the data directory.
     */
    private ExtensionContext.Store resources;
    private FakeCognitoPool pool;
    private TestServer server;

    private ServerPerClass(boolean trustingAPool, UnaryOperator<TestServer.Builder> setUp) {
        this.trustingAPool = trustingAPool;
        this.setUp = setUp;
    }

    public static ServerPerClass withLocalIdentity() {
        return withLocalIdentity(UnaryOperator.identity());
    }

    /** @param setUp sets the server up further before it starts (an environment variable, say) */
    public static ServerPerClass withLocalIdentity(UnaryOperator<TestServer.Builder> setUp) {
        return new ServerPerClass(false, setUp);
    }

    /** A server in Cognito mode, trusting the tokens of a {@link FakeCognitoPool} of its own. */
    public static ServerPerClass trustingAPool() {
        return new ServerPerClass(true, UnaryOperator.identity());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        resources = context.getStore(ExtensionContext.Namespace.create(ServerPerClass.class));
        TestServer.Builder builder;
        if (trustingAPool) {
            pool = closeAfterAll(FakeCognitoPool.start());
            builder = TestServer.trusting(pool);
        } else {
            Path dataDirectory = Files.createTempDirectory("cruddur-" + context.getRequiredTestClass().getSimpleName() + "-");
            closeAfterAll(() -> deleteTree(dataDirectory));
            builder = TestServer.withLocalIdentity(dataDirectory);
        }
        server = closeAfterAll(setUp.apply(builder).start());
    }

    public TestServer server() {
        return server;
    }

    /** The pool the server trusts; there is none beside the development identity provider. */
    public FakeCognitoPool pool() {
        return Optional.ofNullable(pool)
                .orElseThrow(() -> new IllegalStateException("this server runs the development identity provider"));
    }

    /** Closes {@code resource} (a client of the server, say) after the class's tests, before the server stops. */
    public <T extends AutoCloseable> T closeAfterAll(T resource) {
        resources.put(new Object(), resource);
        return resource;
    }

    /** A client of the server's API over HTTP. */
    public ApiClient api() {
        return server.client();
    }

    /** Makes accounts at the server's development identity provider. */
    public AccountClient accounts() {
        return server.accounts();
    }

    /** A user registered as the sign-up trigger would have, with no account at the identity provider. */
    public SignedUpUser register(String handle, String displayName) {
        return SignedUpUser.register(server.database(), handle, displayName);
    }

    /** A valid access token of {@code user}, signed by the pool. */
    public String tokenOf(SignedUpUser user) {
        return pool().accessTokenFor(user.sub());
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
