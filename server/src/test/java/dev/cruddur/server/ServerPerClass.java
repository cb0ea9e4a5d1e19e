package dev.cruddur.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server for a whole test class, running the development identity provider with a data
 * directory of its own: started before the class's {@code @BeforeAll} methods, closed after its
 * {@code @AfterAll} ones.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServerPerClass app = ServerPerClass.withLocalIdentity();
 * }</pre>
 */
public final class ServerPerClass implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<TestServer.Builder> setUp;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Path dataDirectory;
    private TestServer server;

    private ServerPerClass(UnaryOperator<TestServer.Builder> setUp) {
        this.setUp = setUp;
    }

    public static ServerPerClass withLocalIdentity() {
        return new ServerPerClass(UnaryOperator.identity());
    }

    /** @param setUp sets the server up further before it starts (an environment variable, say) */
    public static ServerPerClass withLocalIdentity(UnaryOperator<TestServer.Builder> setUp) {
        return new ServerPerClass(setUp);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDirectory = Files.createTempDirectory("cruddur-" + context.getRequiredTestClass().getSimpleName() + "-");
        server = setUp.apply(TestServer.withLocalIdentity(dataDirectory)).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (AutoCloseable stopServer = () -> {
            if (server != null) {
                server.close();
            }
        }) {
            // The class's clients of the server first, the last one made first.
            while (!resources.isEmpty()) {
                resources.pop().close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(ServerPerClass::delete);
            }
        }
    }

    public TestServer server() {
        return server;
    }

    /** Closes {@code resource} (a client of the server, say) after the class's tests, before the server stops. */
    public <T extends AutoCloseable> T closeAfterAll(T resource) {
        resources.push(resource);
        return resource;
    }

    /** A client of the server's API over HTTP. */
    public ApiClient api() {
        return server.client();
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
