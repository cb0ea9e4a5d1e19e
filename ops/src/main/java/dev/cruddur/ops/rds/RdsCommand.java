package dev.cruddur.ops.rds;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "rds",
        mixinStandardHelpOptions = true,
        description = "The Amazon RDS PostgreSQL instance behind Cruddur: look-ups, create, status, start/stop, cost guards.",
        subcommands = {AvailabilityZonesCommand.class, EngineVersionsCommand.class, CreateCommand.class,
                StatusCommand.class, StartCommand.class, StopCommand.class, DeleteCommand.class, PublicAccessCommand.class,
                KeepStoppedCommand.class})
public final class RdsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
