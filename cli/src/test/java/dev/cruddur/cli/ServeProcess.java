package dev.cruddur.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cruddur serve} as its own JVM, with the test's class path and the given environment,
 * every logger at DEBUG (slf4j-simple's, and java.util.logging's for pgjdbc) and every line it
 * writes to stdout or stderr kept.
 */
final class ServeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Cruddur is listening on http://localhost:(\\d+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ServeProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "serve-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param julConfig a java.util.logging configuration file (pgjdbc logs through it)
     * @param extraArgs more arguments for {@code serve}
     */
    static ServeProcess start(Map<String, String> environment, Path julConfig, String... extraArgs) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java,
                "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=" + julConfig,
                "-Dorg.slf4j.simpleLogger.logFile=System.err",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"));
        // The main resources' simplelogger.properties quiets these libraries; here they speak too.
        for (String quieted : List.of("org.eclipse.jetty", "io.javalin", "io.zonky", "org.flywaydb", "com.zaxxer.hikari",
                "dev.cruddur")) {
            command.add("-Dorg.slf4j.simpleLogger.log." + quieted + "=debug");
        }
        command.addAll(List.of("dev.cruddur.cli.Main", "serve", "--port", "0"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("HOME", System.getProperty("user.home"));
        builder.environment().putAll(environment);
        try {
            return new ServeProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Every line written so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The port the server listens on, once it says so; fails if it exits first. */
    int awaitListening(Duration timeout) {
        return awaitLine(LISTENING, timeout).map(m -> Integer.parseInt(m.group(1)))
                .orElseThrow(() -> new AssertionError("serve did not start listening:\n" + String.join("\n", lines())));
    }

    /** The first match of {@code pattern} in a line, waiting for it up to {@code timeout}. */
    Optional<Matcher> awaitLine(Pattern pattern, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (String line : lines()) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return Optional.of(matcher);
                }
            }
            if (!process.isAlive() && !reader.isAlive()) {
                return Optional.empty();
            }
            sleep();
        }
        return Optional.empty();
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("serve did not exit within " + timeout + ":\n" + String.join("\n", lines()));
            }
            reader.join(timeout.toMillis());
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as an operator or a service manager stops it; waits for the exit. */
    int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
