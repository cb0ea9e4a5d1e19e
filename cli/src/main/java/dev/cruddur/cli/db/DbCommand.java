package dev.cruddur.cli.db;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = {
                "Manage the database: migrate, seed, status, sessions, purge expired cruds, reset.",
                "It is DATABASE_URL (or CONNECTION_URL) when set, otherwise the embedded PostgreSQL",
                "in the data directory (stop `cruddur serve` first)."},
        subcommands = {
                MigrateCommand.class,
                SeedCommand.class,
                StatusCommand.class,
                SessionsCommand.class,
                PurgeExpiredCommand.class,
                ResetCommand.class})
public final class DbCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
