package dev.cruddur.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code cruddur serve} process, run from the shaded jar with the {@code ./cruddur}
 * launcher's JVM options, on an embedded PostgreSQL in a data directory of the test's. Its
 * output goes to a file the test reads (the port, the confirmation codes, what it did on stop).
 * {@link #close} leaves nothing running: the JVM, and the PostgreSQL it may have left behind.
 */
final class ServeJar implements AutoCloseable {

    private static final Path JAR = Path.of("target/cruddur.jar");
    private static final Pattern LISTENING = Pattern.compile("Cruddur is listening on http://localhost:(\\d+)");
    private static final Pattern EMBEDDED = Pattern.compile("Embedded PostgreSQL on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path dataDirectory;
    private final Path log;

    private ServeJar(Process process, Path dataDirectory, Path log) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.log = log;
    }

    /** Starts the process; call {@link #awaitListening} before sending requests. */
    static ServeJar launch(Path dataDirectory, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xms64m", "-Xmx160m", "-XX:+UseSerialGC",
                "-jar", JAR.toString(), "serve", "--port", "0");
        Map<String, String> env = builder.environment();
        // Embedded database and development identity provider, whatever the machine has set.
        env.keySet().removeIf(name -> name.startsWith("COGNITO_") || List.of("DATABASE_URL", "CONNECTION_URL",
                "PORT", "FRONTEND_URL", "CRUDDUR_JAVA_OPTS", "JAVA_TOOL_OPTIONS").contains(name));
        env.put("CRUDDUR_DATA_DIR", dataDirectory.toString());
        Process process = builder.redirectErrorStream(true).redirectOutput(Redirect.to(log.toFile())).start();
        return new ServeJar(process, dataDirectory, log);
    }

    static ServeJar start(Path dataDirectory, Path log) throws IOException, InterruptedException {
        ServeJar server = launch(dataDirectory, log);
        server.awaitListening();
        return server;
    }

    void awaitListening() throws InterruptedException {
        awaitLine(LISTENING.pattern(), START_TIMEOUT);
    }

    /** Waits until the output has a line matching {@code regex}; fails at once if the process ends first. */
    String awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = lines().stream().filter(l -> pattern.matcher(l).find()).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("cruddur serve ended (exit " + process.exitValue() + ") before logging /"
                        + regex + "/:\n" + output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line /" + regex + "/ within " + timeout + ":\n" + output());
    }

    int port() {
        return number(LISTENING);
    }

    /** The embedded PostgreSQL's port, for the tests that look at the rows themselves. */
    int databasePort() {
        return number(EMBEDDED);
    }

    private int number(Pattern pattern) {
        for (String line : lines()) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("no /" + pattern + "/ in the output:\n" + output());
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, what {@code kill}, systemd and {@code docker stop} send. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: the JVM ends at once, no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the JVM outlived SIGKILL");
        }
    }

    /** The exit status, or empty if the process is still running after {@code timeout}. */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue()) : Optional.empty();
    }

    List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        return String.join("\n", lines());
    }

    /** The live postmaster that {@code postmaster.pid} names, if any. */
    static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        try {
            List<String> pidFile = Files.readAllLines(dataDirectory.resolve("postgres/postmaster.pid"));
            return ProcessHandle.of(Long.parseLong(pidFile.get(0).strip())).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        // A killed JVM leaves its PostgreSQL running; a test that killed it is done with it.
        Optional<ProcessHandle> postgres = postmaster(dataDirectory);
        if (postgres.isPresent()) {
            postgres.get().descendants().forEach(ProcessHandle::destroyForcibly);
            postgres.get().destroyForcibly();
            postgres.get().onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }
}
