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
        assertThat(help.out()).contains("serve").contains("db").contains("DATABASE_URL");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (List<String> command : List.of(List.of("serve"), List.of("db"), List.of("db", "migrate"),
                List.of("db", "seed"), List.of("db", "status"), List.of("db", "sessions"),
                List.of("db", "purge-expired"), List.of("db", "reset"))) {
            String[] args = new java.util.ArrayList<>(command) {{ add("--help"); }}.toArray(String[]::new);
            CommandRun help = CommandRun.of(Map.of(), args);
            assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).as(String.join(" ", command)).contains("Usage: cruddur " + String.join(" ", command));
            if (!command.equals(List.of("db"))) {
                assertThat(help.out()).as(String.join(" ", command)).contains("Example");
            }
        }
    }

    @Test
    void everyRdsAndNetworkCommandHasHelpWithAnExample() {
        CommandRun top = CommandRun.of(Map.of(), "--help");
        assertThat(top.out()).contains("rds").contains("network");
        for (List<String> command : List.of(List.of("rds", "azs"), List.of("rds", "engine-versions"),
                List.of("rds", "create"), List.of("rds", "status"), List.of("rds", "start"), List.of("rds", "stop"),
                List.of("rds", "delete"), List.of("rds", "public-access"), List.of("rds", "keep-stopped"),
                List.of("network", "allow-my-ip"))) {
            String[] args = new java.util.ArrayList<>(command) {{ add("--help"); }}.toArray(String[]::new);
            CommandRun help = CommandRun.of(Map.of(), args);
            String name = String.join(" ", command);
            assertThat(help.exitCode()).as(name).isZero();
            assertThat(help.out()).as(name).contains("Usage: cruddur " + name).contains("Example").contains("cruddur " + name);
        }
        for (String parent : List.of("rds", "network")) {
            CommandRun help = CommandRun.of(Map.of(), parent, "--help");
            assertThat(help.exitCode()).as(parent).isZero();
            assertThat(help.out()).as(parent).contains("Usage: cruddur " + parent);
        }
        assertThat(CommandRun.of(Map.of(), "network", "--help").out()).contains("allow-my-ip");
        assertThat(CommandRun.of(Map.of(), "rds", "--help").out())
                .contains("create", "status", "start", "stop", "delete", "public-access", "keep-stopped");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CommandRun run = CommandRun.of(Map.of(), "dance");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("dance");
    }
}
