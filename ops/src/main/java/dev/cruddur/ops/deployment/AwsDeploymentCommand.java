package dev.cruddur.ops.deployment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "aws",
        mixinStandardHelpOptions = true,
        description = "The whole deployment at once: one status screen for everything the other commands made, and a teardown"
                + " that deletes it all.",
        subcommands = {DeploymentStatusCommand.class, TeardownCommand.class})
public final class AwsDeploymentCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
