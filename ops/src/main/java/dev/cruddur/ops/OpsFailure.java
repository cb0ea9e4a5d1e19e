package dev.cruddur.ops;

/**
 * What went wrong, written for the operator: one line, no stack trace, no secret. The
 * {@code cruddur} command prints the message and exits with {@link #exitCode()}.
 */
public final class OpsFailure extends RuntimeException {

    private final int exitCode;

    private OpsFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The command cannot do what was asked (AWS refused, the resource is missing): exit code 1. */
    public static OpsFailure failed(String message) {
        return new OpsFailure(message, 1, null);
    }

    /** As {@link #failed(String)}, keeping the cause for a debugger (it is never printed). */
    public static OpsFailure failed(String message, Throwable cause) {
        return new OpsFailure(message, 1, cause);
    }

    /** The command was used in a way that cannot work (a destructive one without --yes): exit code 2. */
    public static OpsFailure usage(String message) {
        return new OpsFailure(message, 2, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
