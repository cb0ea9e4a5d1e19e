package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelpTest {

    @Test
    void topLevelHelpListsTheCommands() {
        CommandRun help = CommandRun.of(Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("serve").contains("db").contains("DATABASE_URL")
                .contains("lambda").contains("cognito").contains("cost");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (List<String> command : List.of(List.of("serve"), List.of("db"), List.of("db", "migrate"),
                List.of("db", "seed"), List.of("db", "status"), List.of("db", "sessions"),
                List.of("db", "purge-expired"), List.of("db", "reset"),
                List.of("lambda"), List.of("cognito"), List.of("cost"), List.of("cost", "ipv4"), List.of("cost", "budget"),
                List.of("cognito", "attach-triggers"), List.of("lambda", "deploy"),
                List.of("cognito", "sync-users"))) {
            String[] args = new java.util.ArrayList<>(command) {{ add("--help"); }}.toArray(String[]::new);
            CommandRun help = CommandRun.of(Map.of(), args);
            assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).as(String.join(" ", command)).contains("Usage: cruddur " + String.join(" ", command));
            // the parent commands list their subcommands; each subcommand shows an example
            if (!List.of(List.of("db"), List.of("lambda"), List.of("cognito"), List.of("cost")).contains(command)) {
                assertThat(help.out()).as(String.join(" ", command)).contains("Example");
            }
        }
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CommandRun run = CommandRun.of(Map.of(), "dance");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("dance");
    }
}
