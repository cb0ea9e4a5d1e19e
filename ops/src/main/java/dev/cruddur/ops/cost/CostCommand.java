package dev.cruddur.ops.cost;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "cost",
        mixinStandardHelpOptions = true,
        description = "Cost guards: what the account pays for while idle (public IPv4 addresses), and a budget that mails on any spend.",
        subcommands = {Ipv4Command.class, BudgetCommand.class})
public final class CostCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
