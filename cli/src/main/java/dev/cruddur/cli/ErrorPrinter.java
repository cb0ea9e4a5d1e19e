package dev.cruddur.cli;

import dev.cruddur.ops.OpsFailure;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failure as one line, {@code cruddur: <what went wrong>}, and no stack trace: the messages of Cruddur's exceptions are written for people and carry no secrets.
 */
final class ErrorPrinter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        commandLine.getErr().println(commandLine.getColorScheme().errorText("cruddur: " + message));
        if (e instanceof OpsFailure failure) {
            return failure.exitCode();
        }
        return e instanceof UserMistake ? 2 : 1;
    }
}
