package dev.cruddur.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (server != null) {
                server.close();
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
