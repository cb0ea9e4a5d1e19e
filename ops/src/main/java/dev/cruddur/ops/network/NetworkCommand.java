package dev.cruddur.ops.network;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "network",
        mixinStandardHelpOptions = true,
        description = "Who may reach the database: the security-group rule that lets the operator's own IP address in.",
        subcommands = {AllowMyIpCommand.class})
public final class NetworkCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
