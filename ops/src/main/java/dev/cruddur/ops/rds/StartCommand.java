package dev.cruddur.ops.rds;

import dev.cruddur.ops.OpsFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.AwsErrors;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.aws.DryRunOption;
import dev.cruddur.ops.output.Printer;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.StartDbInstanceRequest;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a stopped instance (RDS StartDBInstance) and wait until it is available. An instance that is"
                + " already available or starting is reported, not an error.",
        footer = {"", "Example:", "  cruddur rds start", "  cruddur rds start --no-wait --db-instance-identifier cruddur-db-instance"})
final class StartCommand extends AwsCommand {

    @Mixin
    DbInstanceOption instance;

    @Mixin
    DryRunOption dryRun;

    @Mixin
    WaitOptions waiting;

    @Override
    protected int run(AwsClients clients, Printer printer) {
        RdsClient rds = clients.rds();
        String id = instance.identifier();
        DBInstance db = DbInstances.require(rds, id);
        String state = db.dbInstanceStatus();
        if ("available".equals(state)) {
            printer.say(id + " is already available; nothing to start.");
            printer.record(InstanceView.of(db));
            return 0;
        }
        Optional<InstanceChange> change = "starting".equals(state)
                ? Optional.of(already(printer, id, state))
                : requestStart(rds, printer, id, state);
        if (change.isEmpty()) {
            return 0; // a dry run, already printed
        }
        if (waiting.enabled()) {
            printer.record(InstanceView.of(new InstanceWaiter(rds, printer, waiting).until(id, Set.of("available"))));
        } else {
            printer.record(change.get());
        }
        return 0;
    }

    /** Sends StartDBInstance; empty under --dry-run. */
    private Optional<InstanceChange> requestStart(RdsClient rds, Printer printer, String id, String state) {
        if (!"stopped".equals(state)) {
            throw OpsFailure.failed(id + " is " + state + "; only a stopped instance can be started (see `cruddur rds status`)");
        }
        try {
            if (new Changes(dryRun.enabled(), printer)
                    .send(StartDbInstanceRequest.builder().dbInstanceIdentifier(id).build(), rds::startDBInstance).isEmpty()) {
                printer.record(new InstanceChange(id, "would start (dry run)", state));
                return Optional.empty();
            }
        } catch (InvalidDbInstanceStateException e) {
            // It changed state between our look-up and our request (someone else started it).
            String now = DbInstances.require(rds, id).dbInstanceStatus();
            if (!Set.of("starting", "available").contains(now)) {
                throw OpsFailure.failed(AwsErrors.describe(e) + " (it is " + now + " now; see `cruddur rds status`)", e);
            }
            return Optional.of(already(printer, id, now));
        }
        printer.say("Starting " + id + "; this takes a few minutes.");
        return Optional.of(new InstanceChange(id, "start requested", "starting"));
    }

    private static InstanceChange already(Printer printer, String id, String state) {
        printer.say(id + " is already " + state + ".");
        return new InstanceChange(id, "already " + state, state);
    }
}
