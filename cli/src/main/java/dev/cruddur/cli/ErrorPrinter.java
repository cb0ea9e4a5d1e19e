package dev.cruddur.cli;

import dev.cruddur.ops.OpsCommands;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failure as the operator commands do ({@link OpsCommands#printFailure}: one line,
 * {@code cruddur: <what went wrong>}, no stack trace), and adds the cli's own usage error,
 * {@link UserMistake}, to their exit codes.
 */
final class ErrorPrinter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        int exitCode = OpsCommands.printFailure(e, commandLine, parseResult);
        return e instanceof UserMistake ? 2 : exitCode;
    }
}
