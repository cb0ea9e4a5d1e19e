package dev.cruddur.cli;

import dev.cruddur.server.database.EmbeddedDatabase;
import dev.cruddur.server.database.LeftoverPostmaster;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code cruddur serve} process: from the shaded jar with the {@code ./cruddur} launcher's
 * JVM options, or from the test's class path with JVM options of the test's. Its environment is
 * only what the test gives (a clean machine: no database, identity provider or Java options of
 * the developer's), and its output goes to a file the test reads: the port, the confirmation
 * codes, what it did on stop. {@link #close} leaves nothing running, even after a failed
 * assertion: the JVM, and the embedded PostgreSQL a killed JVM leaves behind.
 */
final class ServeProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/cruddur.jar");
    /** The checkout's {@code ./cruddur}, which finds the jar above. */
    private static final Path LAUNCHER = Path.of("../cruddur");
    private static final Pattern LISTENING = Pattern.compile("Cruddur is listening on http://localhost:(\\d+)");
    private static final Pattern EMBEDDED = Pattern.compile("Embedded PostgreSQL on 127\\.0\\.0\\.1:(\\d+)");
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** What a child needs from the machine to run at all; nothing that configures Cruddur. */
    private static final List<String> MACHINE = List.of("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR");

    private final Process process;
    private final Optional<Path> dataDirectory;
    private final Path log;

    private ServeProcess(Process process, Optional<Path> dataDirectory, Path log) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.log = log;
    }

    /** The shaded jar, as {@code ./cruddur serve} runs it. */
    static Launch fromJar(Path log) {
        return new Launch(log, List.of("-Xms64m", "-Xmx160m", "-XX:+UseSerialGC", "-jar", JAR.toString()));
    }

    /** {@code ./cruddur serve} itself, on the test's JDK: the launcher's own JVM options and class-data sharing. */
    static Launch fromLauncher(Path log) {
        return new Launch(log, List.of()).env("JAVA_HOME", System.getProperty("java.home"));
    }

    /** The test's class path: for JVM options the jar's launcher would not take (log levels). */
    static Launch fromClassPath(Path log) {
        return new Launch(log, List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    }

    /** How to start one: JVM options, environment, data directory, then {@link #launch} or {@link #start}. */
    static final class Launch {
        private final Path log;
        private final List<String> program;
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> serveArguments = new ArrayList<>(List.of("serve", "--port", "0"));
        private Optional<Path> dataDirectory = Optional.empty();

        private Launch(Path log, List<String> program) {
            this.log = log;
            this.program = program;
        }

        /** Where the embedded PostgreSQL and the identity provider keep their files. */
        Launch dataDirectory(Path directory) {
            dataDirectory = Optional.of(directory);
            return env("CRUDDUR_DATA_DIR", directory.toString());
        }

        Launch env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        Launch systemProperty(String name, String value) {
            jvmOptions.add("-D" + name + "=" + value);
            return this;
        }

        Launch serveArgument(String argument) {
            serveArguments.add(argument);
            return this;
        }

        /** Starts the process; call {@link #awaitListening} before sending requests. */
        ServeProcess launch() throws IOException {
            List<String> command = new ArrayList<>();
            if (program.isEmpty()) {
                if (!jvmOptions.isEmpty()) {
                    throw new IllegalStateException("the launcher takes JVM options from CRUDDUR_JAVA_OPTS, not " + jvmOptions);
                }
                command.add(LAUNCHER.toString());
            } else {
                command.add(ProcessHandle.current().info().command().orElse("java"));
                command.addAll(jvmOptions);
                command.addAll(program);
            }
            command.addAll(serveArguments);
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            env.clear();
            MACHINE.stream().filter(name -> System.getenv(name) != null).forEach(name -> env.put(name, System.getenv(name)));
            env.put("HOME", System.getProperty("user.home"));
            env.putAll(environment);
            Process process = builder.redirectErrorStream(true).redirectOutput(Redirect.to(log.toFile())).start();
            return new ServeProcess(process, dataDirectory, log);
        }

        /** Starts the process and waits until it listens. */
        ServeProcess start() throws IOException, InterruptedException {
            ServeProcess server = launch();
            try {
                server.awaitListening();
                return server;
            } catch (AssertionError | InterruptedException e) {
                server.close();
                throw e;
            }
        }
    }

    void awaitListening() throws InterruptedException {
        awaitLine(LISTENING.pattern(), START_TIMEOUT);
    }

    /**
     * Waits until the output has a line matching {@code regex}; fails at once if the process ends
     * first. The match's first group, or the whole match when the regex has none.
     */
    String awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ended = !process.isAlive(); // before reading: all it wrote is in the file by then
            Optional<String> match = firstMatch(pattern);
            if (match.isPresent()) {
                return match.get();
            }
            if (ended) {
                throw new AssertionError("cruddur serve ended (exit " + process.exitValue() + ") before logging /"
                        + regex + "/:\n" + output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line /" + regex + "/ within " + timeout + ":\n" + output());
    }

    private Optional<String> firstMatch(Pattern pattern) {
        return lines().stream().map(pattern::matcher).filter(Matcher::find).findFirst()
                .map(matcher -> matcher.group(Math.min(1, matcher.groupCount())));
    }

    /** The process's id: with the launcher, Java's (the launcher replaces itself with it). */
    long pid() {
        return process.pid();
    }

    int port() {
        return number(LISTENING);
    }

    /** A client of its API. */
    ApiClient api() {
        return new ApiClient(port());
    }

    /** Makes accounts at its development identity provider, confirmed with the codes it logs, as a developer reads them. */
    AccountClient accounts() {
        return new AccountClient(api(), email -> awaitCode("Confirmation code", email));
    }

    /** The six-digit code the development identity provider logged for {@code email} under {@code label}. */
    String awaitCode(String label, String email) throws InterruptedException {
        return awaitLine(Pattern.quote(label + " for " + email + ": ") + "(\\d{6})$", Duration.ofSeconds(10));
    }

    /** The embedded PostgreSQL's port, for the tests that look at the rows themselves. */
    int databasePort() {
        return number(EMBEDDED);
    }

    /** The embedded PostgreSQL's superuser password, read from the data directory as every cruddur process reads it. */
    String databasePassword() throws IOException {
        return Files.readString(EmbeddedDatabase.passwordFile(dataDirectory.orElseThrow())).strip();
    }

    /** A connection of the test's own to the embedded PostgreSQL, to arrange or look at rows. */
    Connection openDatabase() throws IOException, SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + databasePort() + "/postgres", "postgres", databasePassword());
    }

    private int number(Pattern pattern) {
        return Integer.parseInt(firstMatch(pattern)
                .orElseThrow(() -> new AssertionError("no /" + pattern + "/ in the output:\n" + output())));
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

    /** Every line written so far (bytes that are not UTF-8 replaced, not fatal); launch() created the file. */
    List<String> lines() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        return String.join("\n", lines());
    }

    /**
     * The live PostgreSQL that {@code postmaster.pid} names, if any. Only a process whose program
     * is {@code postgres}: a pid file that outlived its PostgreSQL (killed by a test) may name a
     * pid the system has given to something else since.
     */
    static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        try {
            List<String> pidFile = Files.readAllLines(dataDirectory.resolve("postgres/postmaster.pid"));
            return ProcessHandle.of(Long.parseLong(pidFile.get(0).strip())).filter(ProcessHandle::isAlive)
                    .filter(LeftoverPostmaster::isPostgres);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Closes each, the last started first, every one even if another fails (the earliest started's failure wins). */
    static void closeAll(List<ServeProcess> processes) {
        if (!processes.isEmpty()) {
            try {
                processes.get(processes.size() - 1).close();
            } finally {
                closeAll(processes.subList(0, processes.size() - 1));
            }
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            // What it started (initdb, pg_ctl, the postmaster mid-start) outlives a SIGKILL of the JVM.
            destroyAndAwait(Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList());
        }
        // A killed JVM leaves its PostgreSQL running; a test that killed it is done with it.
        dataDirectory.flatMap(ServeProcess::postmaster)
                .ifPresent(postgres -> destroyAndAwait(Stream.concat(postgres.descendants(), Stream.of(postgres)).toList()));
    }

    /** SIGKILL to each still running, then waits for them all: the test's temporary files are free to go. */
    private static void destroyAndAwait(List<ProcessHandle> processes) {
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }
}
