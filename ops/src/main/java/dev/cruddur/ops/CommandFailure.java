package dev.cruddur.ops;

/**
 * What went wrong in a {@code cruddur} command, written for the person who ran it: one line, no
 * stack trace, no secret. {@link OpsCommands#printFailure} prints the message and the command
 * exits with {@link #exitCode()}.
 */
public final class CommandFailure extends RuntimeException {

    private final int exitCode;

    private CommandFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The command cannot do what was asked (AWS refused, the resource is missing): exit code 1. */
    public static CommandFailure failed(String message) {
        return new CommandFailure(message, 1, null);
    }

    /** As {@link #failed(String)}, keeping the cause for a debugger (it is never printed). */
    public static CommandFailure failed(String message, Throwable cause) {
        return new CommandFailure(message, 1, cause);
    }

    /** The command was used in a way that cannot work (a destructive one without --yes): exit code 2. */
    public static CommandFailure usage(String message) {
        return new CommandFailure(message, 2, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
