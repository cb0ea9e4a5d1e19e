package dev.cruddur.ops.rds;

import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.output.Printer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "engine-versions", mixinStandardHelpOptions = true,
        description = "List the engine versions RDS offers in the region, oldest first (RDS DescribeDBEngineVersions).",
        footer = {"", "Example:", "  cruddur rds engine-versions --engine postgres --region ca-central-1"})
final class EngineVersionsCommand extends AwsCommand {

    @Option(names = "--engine", defaultValue = "postgres", description = "Database engine (default: ${DEFAULT-VALUE}).")
    String engine;

    @Override
    protected int run(AwsClients clients, Printer printer) {
        List<EngineVersion> versions = EngineVersions.offered(clients.rds(), engine);
        printer.rows(versions, EngineVersion.class);
        return 0;
    }
}
