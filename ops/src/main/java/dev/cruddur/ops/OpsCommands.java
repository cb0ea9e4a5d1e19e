package dev.cruddur.ops;

import dev.cruddur.ops.cognito.CognitoCommand;
import dev.cruddur.ops.cost.CostCommand;
import dev.cruddur.ops.deployment.AwsDeploymentCommand;
import dev.cruddur.ops.lambda.LambdaCommand;
import dev.cruddur.ops.network.NetworkCommand;
import dev.cruddur.ops.rds.RdsCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The operator commands as the {@code cruddur} command mounts them, and the settings they rely
 * on. The cli module and the ops tests both go through {@link #register(CommandLine)}, so the
 * tests run the commands the way people do.
 */
public final class OpsCommands {

    private OpsCommands() {
    }

    /**
     * The parent commands, in the order {@code cruddur --help} lists them: the order of a first
     * deployment (the database, its network, what it costs, then the Lambda before the Cognito
     * triggers that call it), then the whole deployment at once (its status, its teardown).
     */
    public static List<Object> all() {
        return List.of(RdsCommand.class, NetworkCommand.class, CostCommand.class, LambdaCommand.class,
                CognitoCommand.class, AwsDeploymentCommand.class);
    }

    /**
     * Adds {@link #all()} under {@code root}, then sets on it and every subcommand it has by now:
     * enum values in any case ({@code --output JSON}), and failures printed by
     * {@link #printFailure} with {@link #exitCode}: the one way a {@code cruddur} command fails.
     *
     * @return {@code root}
     */
    public static CommandLine register(CommandLine root) {
        all().forEach(root::addSubcommand);
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.setExecutionExceptionHandler(OpsCommands::printFailure);
        return root;
    }

    /**
     * Prints a failure as one line, {@code cruddur: <what went wrong>}, and no stack trace: the
     * messages of Cruddur's exceptions are written for people and carry no secrets.
     *
     * @return {@link #exitCode(Exception)}
     */
    public static int printFailure(Exception e, CommandLine commandLine, ParseResult parseResult) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        commandLine.getErr().println(commandLine.getColorScheme().errorText("cruddur: " + message));
        return exitCode(e);
    }

    /** A {@link CommandFailure}'s own exit code (2 for a usage error), else 1. */
    public static int exitCode(Exception e) {
        return e instanceof CommandFailure failure ? failure.exitCode() : 1;
    }
}
