package dev.cruddur.ops.cognito;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "cognito",
        mixinStandardHelpOptions = true,
        description = "The Cognito user pool: wire the Lambda triggers in, repair users the trigger missed.",
        subcommands = {AttachTriggersCommand.class, SyncUsersCommand.class})
public final class CognitoCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
