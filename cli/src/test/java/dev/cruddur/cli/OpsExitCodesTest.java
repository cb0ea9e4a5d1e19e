package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator commands as the real {@code cruddur} command runs them: its error printing and exit codes. */
class OpsExitCodesTest {

    @Test
    void aDeleteWithoutYesIsAUsageErrorOnOneLine() {
        CommandRun run = CommandRun.of(Map.of(), "rds", "delete");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).hasLineCount(1)
                .isEqualTo("cruddur: Deleting cruddur-db-instance deletes its data (a final snapshot is kept)."
                        + " Run `cruddur rds delete --yes` to confirm.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anAwsFailureExitsWithOneOnOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // Credentials come from the system properties surefire sets (pom.xml): the call is made, and refused.
        CommandRun run = CommandRun.of(Map.of(), "rds", "status", "--region", "us-east-1",
                "--endpoint-url", "http://127.0.0.1:" + closedPort);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).startsWith("cruddur: Could not reach AWS: ")
                .endsWith("(check the network, --region and --endpoint-url)");
    }

    @Test
    void enumValuesAreReadInAnyCase() {
        CommandRun run = CommandRun.of(Map.of(), "rds", "delete", "--output", "JSON");

        // past parsing (exit code 2 from the command itself, not picocli's "Invalid value")
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("cruddur: Deleting").doesNotContain("Invalid value");
    }
}
