package dev.cruddur.ops.rds;

import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.aws.DryRunOption;
import dev.cruddur.ops.output.Printer;
import picocli.CommandLine.Mixin;

/**
 * Base of the {@code rds} commands that change one instance (create, delete, start, stop,
 * public-access): the instance they act on and {@code --dry-run}, taken as the mixins every such
 * command shares, and the {@link Changes} through which each of them sends its requests.
 */
abstract class InstanceChangeCommand extends AwsCommand {

    @Mixin
    DbInstanceOption instance;

    @Mixin
    DryRunOption dryRun;

    @Override
    protected final int run(AwsClients clients, Printer printer) {
        return change(clients, instance.identifier(), new Changes(dryRun.enabled(), printer), printer);
    }

    /**
     * The command itself, for the instance {@code id}; returns the exit code.
     *
     * @param changes sends each request that changes something, or under {@code --dry-run} only prints it
     */
    protected abstract int change(AwsClients clients, String id, Changes changes, Printer printer);
}
