package dev.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.testing.PasswordProtectedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger handlers in a process of their own, every logger at DEBUG and pgjdbc's at FINEST,
 * invoked with the right database password, a wrong one (the server really checks it: SCRAM),
 * and a database that is not there: neither password appears in anything they write or throw.
 */
class TriggerSecretsStayOutOfLogsTest {

    private static final String ROLE = "cruddur_lambda";
    private static final String PASSWORD = "Tr1gger-pw/Qx:7@Zk";
    private static final String WRONG_PASSWORD = "Wr0ng-Trigger/pw";
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path files;

    @Test
    void neitherPasswordReachesTheLogOrTheErrors() throws Exception {
        List<String> output;
        try (PasswordProtectedPostgres postgres = PasswordProtectedPostgres.start(files.resolve("postgres"), ROLE, PASSWORD)) {
            assertThat(postgres.admitsWithoutPassword()).as("the database checks passwords").isFalse();
            postgres.migrate();
            String right = postgres.url(PASSWORD);
            String wrong = postgres.url(WRONG_PASSWORD);
            String nowhere = right.replaceFirst(":\\d+/cruddur$", ":" + closedPort() + "/cruddur");
            // The JDBC form people also paste, the password a parameter of the URL itself.
            String jdbc = "jdbc:" + right.replaceFirst("//[^@]+@", "//") + "?user=" + ROLE + "&password="
                    + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
            output = invokeInOwnProcess(right, wrong, nowhere, jdbc);
        }
        String all = String.join("\n", output);

        // It did what it should, and the failures were failures, logged at DEBUG.
        assertThat(all).contains("--- invoking with RIGHT", "--- invoking with WRONG", "--- invoking with NOWHERE",
                "--- invoking with JDBC");
        assertThat(section(all, "JDBC")).doesNotContain("invocation threw").contains("invocation returned");
        assertThat(section(all, "RIGHT")).doesNotContain("invocation threw").contains("invocation returned");
        assertThat(section(all, "WRONG")).contains("invocation threw").doesNotContain("invocation returned");
        assertThat(section(all, "NOWHERE")).contains("invocation threw").doesNotContain("invocation returned");
        // pgjdbc at FINEST (every protocol message) and the handlers' own lines: the log is not quiet.
        assertThat(all).contains("FINEST:", "FE=> Parse", "outcome=created", "outcome=failed", "TriggerFailedException");

        for (String password : List.of(PASSWORD, WRONG_PASSWORD)) {
            for (String form : List.of(password, URLEncoder.encode(password, StandardCharsets.UTF_8),
                    Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)))) {
                assertThat(output.stream().filter(line -> line.contains(form)).toList()).as("lines with " + form).isEmpty();
            }
        }
    }

    private List<String> invokeInOwnProcess(String right, String wrong, String nowhere, String jdbc) throws IOException, InterruptedException {
        Path julConfig = Files.writeString(files.resolve("logging.properties"), """
                handlers=java.util.logging.ConsoleHandler
                java.util.logging.ConsoleHandler.level=ALL
                .level=ALL
                """);
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=" + julConfig,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                TriggerInvocations.class.getName(), "RIGHT", "WRONG", "NOWHERE", "JDBC")
                .redirectErrorStream(true);
        builder.environment().put("RIGHT", right);
        builder.environment().put("WRONG", wrong);
        builder.environment().put("NOWHERE", nowhere);
        builder.environment().put("JDBC", jdbc);
        // The output goes to a file, not a pipe this thread reads: a child that hangs cannot hang
        // the build, it is waited for a bounded time and killed.
        Path log = files.resolve("trigger-invocations.log");
        Process process = builder.redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        List<String> lines;
        try {
            boolean exited = process.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            assertThat(exited).as("the invocations ended within %s:%n%s", CHILD_TIMEOUT, String.join("\n", lines)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    private static String section(String all, String name) {
        int start = all.indexOf("--- invoking with " + name);
        int end = all.indexOf("--- invoking with ", start + 1);
        return end < 0 ? all.substring(start) : all.substring(start, end);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
