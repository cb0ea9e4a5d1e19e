package dev.cruddur.server.database;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * PostgreSQL's programs run on one data directory, their output appended to its log:
 * {@code initdb}, {@code pg_ctl start} and {@code stop}, and single-user mode (a backend that reads
 * SQL from its standard input and opens no port or socket at all).
 */
final class PostgresPrograms {

    static final String SUPERUSER = "postgres";

    /** pg_ctl passes server options through a shell: only plain values ever go there. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.,:/-]*");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** A fast shutdown writes one checkpoint: seconds at most for a database this size. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Single-user mode first replays the WAL of a server that was not stopped cleanly. */
    private static final Duration SINGLE_USER_TIMEOUT = Duration.ofMinutes(5);

    private final PostgresBinaries binaries;
    private final Path pgData;
    private final Path log;

    PostgresPrograms(PostgresBinaries binaries, Path pgData, Path log) {
        this.binaries = binaries;
        this.pgData = pgData;
        this.log = log;
    }

    /** Creates the data directory, its superuser's password read from {@code passwordFile}. */
    void initdb(Path passwordFile) {
        run("initdb", List.of("-D", pgData.toString(), "-U", SUPERUSER, "-E", "UTF-8",
                "--auth=scram-sha-256", "--pwfile=" + passwordFile), null, Duration.ofMinutes(2));
    }

    /**
     * Runs one statement in single-user mode, on a stopped server. It exits non-zero if the
     * statement fails, and the statement itself is never written to the log.
     */
    void singleUser(String statement) {
        run("postgres", List.of("--single", "-D", pgData.toString(), "-c", "exit_on_error=on",
                "-c", "log_min_error_statement=panic", "-c", "log_checkpoints=off", "postgres"),
                statement + "\n", SINGLE_USER_TIMEOUT);
    }

    /** Starts the server detached (it outlives this JVM) and returns once it accepts connections. */
    void start(int port, Map<String, String> settings) {
        List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port)));
        settings.forEach((name, value) -> {
            if (!PLAIN.matcher(name).matches() || !PLAIN.matcher(value).matches()) {
                throw new IllegalArgumentException("not a plain server setting: " + name);
            }
            options.add("-c");
            options.add(name + "=" + value);
        });
        run("pg_ctl", List.of("-D", pgData.toString(), "-o", String.join(" ", options), "-w",
                "-t", Long.toString(START_TIMEOUT.toSeconds()), "start"), null, START_TIMEOUT.plusSeconds(10));
    }

    /** A fast shutdown: sessions end, a checkpoint is written, the server exits. */
    void stop() {
        run("pg_ctl", List.of("-D", pgData.toString(), "stop", "-m", "fast", "-w",
                "-t", Long.toString(STOP_TIMEOUT.toSeconds())), null, STOP_TIMEOUT.plusSeconds(10));
    }

    Path log() {
        return log;
    }

    private void run(String program, List<String> arguments, String input, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(binaries.command(program, arguments))
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectError(Redirect.appendTo(log.toFile()));
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + timeout.toSeconds() + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed with exit status " + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run PostgreSQL's " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while PostgreSQL's " + program + " ran", e);
        }
    }
}
