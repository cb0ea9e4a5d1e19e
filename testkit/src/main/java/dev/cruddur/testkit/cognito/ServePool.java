package dev.cruddur.testkit.cognito;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fake pool as a program, for the bench, which runs a server in Cognito mode with nothing
 * outside the machine:
 * {@code ServePool --port P --client-id ID --subjects FILE --tokens FILE --environment FILE [--hours H]}.
 *
 * <p>It starts a {@link FakeCognitoPool} on the loopback port, writes an access token for each
 * subject ({@code sub}, one a line) to the tokens file, one a line, and then the pool's
 * {@link FakeCognitoPool#environment() environment} to the environment file as {@code NAME=value}
 * lines: that file appears only once the pool serves and the tokens are written, so a script
 * waits for it. Then it serves until it is stopped. Tokens are never printed.
 */
public final class ServePool {

    private ServePool() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        ServePoolOptions options = ServePoolOptions.parse(args);
        List<String> subjects = Files.readAllLines(options.subjects(), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("no subjects in " + options.subjects());
        }
        FakeCognitoPool pool = FakeCognitoPool.start(options.clientId(), options.port());
        List<String> tokens = subjects.stream().map(sub -> pool.accessTokenFor(sub, options.lifetime())).toList();
        Files.write(options.tokens(), tokens, StandardCharsets.US_ASCII);
        writeEnvironment(options.environment(), pool.environment());
        System.err.printf("fake Cognito pool at %s: %d access tokens (RS256, kid %s, valid %d h) in %s%n",
                pool.issuer(), tokens.size(), pool.signingKey().getKeyID(), options.lifetime().toHours(),
                options.tokens());
        // The pool answers on its own threads; this one only keeps the program alive until it is stopped.
        Thread.currentThread().join();
    }

    /** Written aside and moved into place, so a reader never sees half of it. */
    private static void writeEnvironment(Path file, Map<String, String> environment) throws IOException {
        List<String> lines = new TreeMap<>(environment).entrySet().stream()
                .map(variable -> variable.getKey() + "=" + variable.getValue()).toList();
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
