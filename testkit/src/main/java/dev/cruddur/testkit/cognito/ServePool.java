package dev.cruddur.testkit.cognito;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The fake pool as a program, for the bench, which runs a server in Cognito mode with nothing
 * outside the machine; its command line is read with picocli, as the bench's GenerateData reads
 * its own.
 *
 * <p>It starts a {@link FakeCognitoPool} on the loopback port, writes an access token for each
 * subject ({@code sub}, one a line) to the tokens file, one a line, and then the pool's
 * {@link FakeCognitoPool#environment() environment} to the environment file as {@code NAME=value}
 * lines: that file appears only once the pool serves and the tokens are written, so a script
 * waits for it. Then it serves until it is stopped. Tokens are never printed.
 */
@Command(name = "ServePool", sortOptions = false, sortSynopsis = false,
        description = "Serve a fake Cognito pool, write an access token for each subject, then the pool's variables.")
public final class ServePool implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", required = true, description = "Loopback port (0: any free one).")
    private int port;
    @Option(names = "--client-id", paramLabel = "ID", required = true, description = "The app client the tokens are for.")
    private String clientId;
    @Option(names = "--subjects", paramLabel = "FILE", required = true, description = "The subjects (sub), one a line.")
    private Path subjects;
    @Option(names = "--tokens", paramLabel = "FILE", required = true, description = "Where the tokens go, one a line.")
    private Path tokens;
    @Option(names = "--environment", paramLabel = "FILE", required = true, description = "Where the pool's variables go, last.")
    private Path environment;
    @Option(names = "--hours", paramLabel = "H", description = "How long the tokens are valid (default: ${DEFAULT-VALUE}).")
    private long hours = 24;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServePool()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || hours < 1) {
            throw new ParameterException(spec.commandLine(), "--port must not be negative and --hours must be at least 1");
        }
        List<String> subs = Files.readAllLines(subjects, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (subs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no subjects in " + subjects);
        }
        FakeCognitoPool pool = FakeCognitoPool.start(clientId, port);
        List<String> written = subs.stream().map(sub -> pool.accessTokenFor(sub, Duration.ofHours(hours))).toList();
        Files.write(tokens, written, StandardCharsets.US_ASCII);
        writeEnvironment(environment, pool.environment());
        System.err.printf("fake Cognito pool at %s: %d access tokens (RS256, kid %s, valid %d h) in %s%n",
                pool.issuer(), written.size(), pool.signingKey().getKeyID(), hours, tokens);
        // The pool answers on its own threads; this one only keeps the program alive until it is stopped.
        Thread.currentThread().join();
        return 0;
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
