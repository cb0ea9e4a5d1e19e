package dev.cruddur.ops.lambda;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "lambda",
        mixinStandardHelpOptions = true,
        description = "The Cognito trigger Lambda: deploy the jar the lambda module builds.",
        subcommands = {DeployCommand.class})
public final class LambdaCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
