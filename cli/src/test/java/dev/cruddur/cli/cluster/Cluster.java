package dev.cruddur.cli.cluster;

import dev.cruddur.testkit.account.ConfirmationCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bench/cluster.sh}, driven from a test: the same script an operator runs, on ports and in a
 * directory of the test's own, with the jar this build made and the script's Java (the image's,
 * Temurin 25, where the machine has it). Each call
 * runs one of its commands to the end; one that fails fails the test with the script's output.
 */
final class Cluster {

    private static final Path SCRIPT = Path.of("../bench/cluster.sh");
    private static final Path JAR = Path.of("target/cruddur.jar");
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

    private final Path directory;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Map<String, String> addresses = Map.of();

    /** @param basePort the balancer's port; the instances take the next one, the primary and replica two more further up */
    Cluster(Path directory, int basePort, int postgresPort) {
        this.directory = directory;
        environment.put("CRUDDUR_CLUSTER_DIR", directory.toString());
        environment.put("CLUSTER_LB_PORT", Integer.toString(basePort));
        environment.put("CLUSTER_APP_PORT", Integer.toString(basePort + 1));
        environment.put("CLUSTER_PG_PORT", Integer.toString(postgresPort));
        environment.put("CRUDDUR_JAR", JAR.toAbsolutePath().toString());
    }

    /** {@code up}, then reads the addresses it prints with {@code env}. */
    void up() {
        run("up");
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String line : run("env").lines().toList()) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                parsed.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        addresses = parsed;
    }

    void down() {
        run("down");
    }

    /** Runs one of the script's commands, e.g. {@code run("kill", "1")}; its output. */
    String run(String... command) {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", SCRIPT.toString()), Stream.of(command))
                .toList()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("cluster.sh " + String.join(" ", command) + " did not finish");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("cluster.sh " + String.join(" ", command) + " exited " + process.exitValue()
                        + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exit status of a command that may fail on purpose ({@code healthcheck} of a stopped instance). */
    int status(String... command) {
        try {
            run(command);
            return 0;
        } catch (AssertionError e) {
            return 1;
        }
    }

    /** The balancer's port on 127.0.0.1. */
    int balancerPort() {
        String url = address("CLUSTER_LB_URL");
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    String address(String name) {
        String value = addresses.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " not printed by cluster.sh env: " + addresses);
        }
        return value;
    }

    /** The instance's process: its pid file, written by the script. */
    ProcessHandle instance(int n) {
        try {
            long pid = Long.parseLong(Files.readString(directory.resolve("instance-" + n + ".pid")).strip());
            return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("instance " + n + " (pid " + pid + ") is gone"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The primary, as the database of record: every acknowledged write must be here. */
    Connection primary() throws SQLException {
        return DriverManager.getConnection(jdbc(address("CLUSTER_PRIMARY_URL")));
    }

    Connection replica() throws SQLException {
        return DriverManager.getConnection(jdbc(address("CLUSTER_REPLICA_URL")));
    }

    private static String jdbc(String url) {
        // postgresql://postgres@host:port/db, trust authentication
        Matcher parts = Pattern.compile("postgresql://([^@]+)@([^/]+)/(.+)").matcher(url);
        if (!parts.matches()) {
            throw new IllegalStateException("not a database URL: " + url);
        }
        return "jdbc:postgresql://" + parts.group(2) + "/" + parts.group(3) + "?user=" + parts.group(1);
    }

    /** Codes sent by the development identity provider, whichever instance sent them: each writes its own log. */
    ConfirmationCodes confirmationCodes() {
        return email -> {
            Pattern line = Pattern.compile("Confirmation code for " + Pattern.quote(email) + ": (\\d{6})");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                String latest = null;
                for (int n : List.of(1, 2, 3)) {
                    Matcher found = line.matcher(log(n));
                    while (found.find()) {
                        latest = found.group(1);
                    }
                }
                if (latest != null) {
                    return latest;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no confirmation code for " + email + " in the instances' logs");
        };
    }

    String log(int n) {
        try {
            Path file = Path.of(address("CLUSTER_INSTANCE_" + n + "_LOG"));
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
