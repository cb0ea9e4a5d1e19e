package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code serve}'s options are checked before anything starts. */
class ServeOptionsTest {

    @Test
    void aPurgeIntervalThatIsNotOneIsAUsageError() {
        CommandRun run = CommandRun.of(Map.of(), "serve", "--purge-interval", "5");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(
                "cruddur: --purge-interval must be a time such as 30s, 5m or 1h (from 1s to 24h), or off; not '5'");
    }

    @Test
    void theHelpSaysHowOftenExpiredCrudsAreDeleted() {
        CommandRun run = CommandRun.of(Map.of(), "serve", "--help");

        assertThat(run.out().replaceAll("\\s+", " ")).contains("--purge-interval=TIME")
                .contains("(default: $CRUDDUR_PURGE_INTERVAL or 1m)")
                .contains("Every minute it deletes the cruds that have self-destructed, and their replies");
    }
}
