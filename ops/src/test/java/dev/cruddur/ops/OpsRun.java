package dev.cruddur.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs an operator command in-process, as {@code cruddur} would, and captures what it prints.
 * Failures print as the real command prints them: {@code cruddur: <message>}, no stack trace.
 */
public record OpsRun(int exitCode, String out, String err) {

    /** Holds the environment; {@link OpsCommands#register} mounts the commands under it, as in the cli module. */
    @Command(name = "cruddur")
    record Root(Map<String, String> environment) implements Environment {

        Root {
            environment = Map.copyOf(environment);
        }
    }

    /** Runs with an empty environment: nothing leaks in from the machine running the tests. */
    public static OpsRun of(String... args) {
        return withEnvironment(Map.of(), args);
    }

    /** Runs with {@code environment} as the process environment the command sees. */
    public static OpsRun withEnvironment(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = OpsCommands.register(new CommandLine(new Root(environment)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new OpsRun(exitCode, out.toString(), err.toString());
    }

    /** Everything the person saw, both streams. */
    public String printed() {
        return out + err;
    }
}
