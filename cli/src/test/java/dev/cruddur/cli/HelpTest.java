package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

    @Test
    void topLevelHelpListsTheCommands() {
        CommandRun help = CommandRun.of(Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("DATABASE_URL")
                .contains("serve", "db", "rds", "network", "cost", "lambda", "cognito", "aws");
    }

    @Test
    void topLevelHelpListsTheServerCommandsThenTheOperatorCommandsThenHelp() {
        assertThat(CruddurCommand.commandLine(Map.of()).getSubcommands().keySet())
                .containsExactly("serve", "db", "rds", "network", "cost", "lambda", "cognito", "aws", "help");
        String help = CommandRun.of(Map.of(), "--help").out();
        assertThat(help.indexOf("  serve")).isLessThan(help.indexOf("  rds")).isPositive();
        assertThat(help.indexOf("  cognito")).isLessThan(help.indexOf("  aws")).isLessThan(help.indexOf("  help"));
    }

    @Test
    void everyCommandHasHelpAndEveryLeafCommandAnExample() {
        List<String> commands = new ArrayList<>();
        collect(CruddurCommand.commandLine(Map.of()), "", commands);
        // The operator commands and the server's own, found by walking the tree, so a
        // command added later is checked too.
        assertThat(commands).contains("serve", "db migrate", "db reset", "rds azs", "rds engine-versions",
                "rds create", "rds status", "rds start", "rds stop", "rds delete", "rds public-access",
                "rds keep-stopped", "network allow-my-ip", "cost ipv4", "cost budget", "cognito attach-triggers",
                "lambda deploy", "cognito sync-users", "aws status", "aws teardown");
        for (String command : commands) {
            String[] args = Stream.concat(Stream.of(command.split(" ")), Stream.of("--help")).toArray(String[]::new);
            CommandRun help = CommandRun.of(Map.of(), args);
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: cruddur " + command);
            if (!isParent(CruddurCommand.commandLine(Map.of()), command.split(" "))) {
                assertThat(help.out()).as(command).contains("Example").contains("cruddur " + command);
            }
        }
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CommandRun run = CommandRun.of(Map.of(), "dance");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("dance");
    }

    private static void collect(CommandLine command, String path, List<String> into) {
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            String subPath = path.isEmpty() ? name : path + " " + name;
            into.add(subPath);
            collect(sub, subPath, into);
        });
    }

    private static boolean isParent(CommandLine root, String... path) {
        CommandLine command = root;
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        return !command.getSubcommands().isEmpty();
    }
}
