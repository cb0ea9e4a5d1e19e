package dev.cruddur.ops;

import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The process environment, as the root command holds it. Commands that read variables (the
 * database URL of {@code cognito sync-users}) ask the root command for it instead of calling
 * {@link System#getenv()}, so tests can hand in their own map.
 */
public interface Environment {

    Map<String, String> environment();

    /** The environment the root of {@code spec}'s command line holds; the process's own if the root holds none. */
    static Map<String, String> of(CommandSpec spec) {
        return spec.root().userObject() instanceof Environment root ? root.environment() : System.getenv();
    }
}
