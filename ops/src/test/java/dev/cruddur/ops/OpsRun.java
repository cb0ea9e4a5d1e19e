package dev.cruddur.ops;

import dev.cruddur.ops.network.NetworkCommand;
import dev.cruddur.ops.rds.RdsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs an operator command in-process, as {@code cruddur} would, and captures what it prints.
 * Failures print as the real command prints them: {@code cruddur: <message>}, no stack trace.
 */
public record OpsRun(int exitCode, String out, String err) {

    @Command(name = "cruddur", subcommands = {RdsCommand.class, NetworkCommand.class})
    static final class Root {
    }

    public static OpsRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Root());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("cruddur: " + e.getMessage());
            return e instanceof OpsFailure failure ? failure.exitCode() : 1;
        });
        int exitCode = commandLine.execute(args);
        return new OpsRun(exitCode, out.toString(), err.toString());
    }

    /** Everything the person saw, both streams. */
    public String printed() {
        return out + err;
    }
}
