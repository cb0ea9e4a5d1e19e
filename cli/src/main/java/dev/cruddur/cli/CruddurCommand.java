package dev.cruddur.cli;

import dev.cruddur.cli.db.DbCommand;
import dev.cruddur.ops.Environment;
import dev.cruddur.ops.OpsCommands;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "cruddur",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Micro-blogging with cruds that self-destruct. Run the server, manage its database and its AWS resources.",
        // then the operator commands (OpsCommands) and help, added in commandLine()
        subcommands = {ServeCommand.class, DbCommand.class},
        footer = {
                "",
                "Configuration comes from the environment (flags override it):",
                "  DATABASE_URL / CONNECTION_URL   postgresql://user:pass@host:5432/db (unset: embedded PostgreSQL)",
                "  CRUDDUR_DATA_DIR                where the embedded database lives (default ~/.cruddur)",
                "  PORT                            HTTP port (default 4567)",
                "  COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID, AWS_REGION, COGNITO_ISSUER, COGNITO_JWKS_URL, FRONTEND_URL",
                "",
                "Examples:",
                "  cruddur serve",
                "  DATABASE_URL=postgresql://cruddur@db.example.com:5432/cruddur cruddur db status"})
public final class CruddurCommand implements Runnable, Environment {

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    CruddurCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * The command line, with errors printed as one readable line instead of a stack trace (by
     * {@link OpsCommands#register}, for every subcommand, these and the operator commands alike).
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = OpsCommands.register(new CommandLine(new CruddurCommand(environment)));
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        return commandLine;
    }

    /** The process environment (a copy, so tests can pass their own). */
    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
