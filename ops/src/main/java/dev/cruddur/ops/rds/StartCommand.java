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
        InstanceChange change;
        if (!"starting".equals(state)) {
            if (!"stopped".equals(state)) {
                throw OpsFailure.failed(id + " is " + state + "; only a stopped instance can be started (see `cruddur rds status`)");
            }
            try {
                Optional<?> sent = new Changes(dryRun.enabled(), printer)
                        .send(StartDbInstanceRequest.builder().dbInstanceIdentifier(id).build(), rds::startDBInstance);
                if (sent.isEmpty()) {
                    printer.record(new InstanceChange(id, "would start (dry run)", state));
                    return 0;
                }
                printer.say("Starting " + id + "; this takes a few minutes.");
                change = new InstanceChange(id, "start requested", "starting");
            } catch (InvalidDbInstanceStateException e) {
                // It changed state between our look-up and our request (someone else started it).
                String now = DbInstances.require(rds, id).dbInstanceStatus();
                if (!Set.of("starting", "available").contains(now)) {
                    throw OpsFailure.failed(AwsErrors.describe(e) + " (it is " + now + " now; see `cruddur rds status`)", e);
                }
                printer.say(id + " is already " + now + ".");
                change = new InstanceChange(id, "already " + now, now);
            }
        } else {
            printer.say(id + " is already starting.");
            change = new InstanceChange(id, "already starting", state);
        }
        if (waiting.enabled()) {
            db = new InstanceWaiter(rds, printer, waiting).until(id, Set.of("available"));
            printer.record(InstanceView.of(db));
        } else {
            printer.record(change);
        }
        return 0;
    }
}
