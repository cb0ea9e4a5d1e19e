package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code serve --host}: said in the help, checked before anything starts. */
class ServeHostTest {

    @Test
    void theHelpSaysWhereItListensAndHowToOpenIt() {
        String help = CommandRun.of(Map.of(), "serve", "--help").out();

        assertThat(help).contains("--host=ADDRESS").contains("127.0.0.1").contains("0.0.0.0")
                .contains("ALLOWED_HOSTS").contains("cruddur serve --host 0.0.0.0");
    }

    @Test
    void aHostThatIsNotAnAddressStopsTheStartWithOneLine() {
        CommandRun run = CommandRun.of(Map.of(), "serve", "--host", "http://0.0.0.0:4567", "--port", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HOST (serve --host) must be an IP address or a host name").doesNotContain("Exception");
    }

    @Test
    void aBadHostInTheEnvironmentIsRefusedToo() {
        CommandRun run = CommandRun.of(Map.of("HOST", "0.0.0.0:4567"), "serve", "--port", "0");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HOST (serve --host)");
    }
}
