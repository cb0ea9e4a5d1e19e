package dev.cruddur.ops.rds;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsErrors;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.output.Printer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.StopDbInstanceRequest;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop the instance (RDS StopDBInstance) and wait until it is stopped: while it is stopped AWS charges"
                + " for its storage, not for instance hours.",
                "AWS starts a stopped instance again after 7 days: --keep-stopped tags it so `cruddur rds keep-stopped`,"
                        + " run on a schedule, stops it again. An instance already stopped or stopping is reported, not an error."},
        footer = {"", "Example:", "  cruddur rds stop --keep-stopped", "  cruddur rds stop --no-wait --dry-run"})
final class StopCommand extends InstanceChangeCommand {

    @Mixin
    WaitOptions waiting;

    @Option(names = "--keep-stopped", description = "Also tag it " + Tags.KEEP_STOPPED + "=true (see `cruddur rds keep-stopped`).")
    boolean keepStopped;

    Clock clock = Clock.systemUTC();

    @Override
    protected int change(AwsClients clients, String id, Changes changes, Printer printer) {
        RdsClient rds = clients.rds();
        DBInstance db = DbInstances.require(rds, id);
        if (keepStopped) {
            KeepStoppedTag.mark(rds, changes, printer, db);
        }
        String state = db.dbInstanceStatus();
        if ("stopped".equals(state) || "stopping".equals(state)) {
            printer.say(id + " is already " + state + "; nothing to stop. `cruddur rds status` shows when AWS will start it again.");
            printer.record(new InstanceChange(id, "already " + state, state));
            return 0;
        }
        if (!"available".equals(state)) {
            throw CommandFailure.failed(id + " is " + state + "; RDS stops only an available instance (wait for it, or use"
                    + " `cruddur rds keep-stopped`, which retries while it is starting)");
        }
        try {
            if (changes.send(StopDbInstanceRequest.builder().dbInstanceIdentifier(id).build(), rds::stopDBInstance).isEmpty()) {
                printer.record(new InstanceChange(id, "would stop (dry run)", state));
                return 0;
            }
        } catch (InvalidDbInstanceStateException e) {
            String now = DbInstances.require(rds, id).dbInstanceStatus();
            if (!Set.of("stopping", "stopped").contains(now)) {
                throw CommandFailure.failed(AwsErrors.describe(e) + " (it is " + now + " now; see `cruddur rds status`)", e);
            }
            printer.say(id + " is already " + now + ".");
            printer.record(new InstanceChange(id, "already " + now, now));
            return 0;
        }
        Instant restart = clock.instant().plus(RdsEvents.AUTO_START_AFTER).truncatedTo(ChronoUnit.MINUTES);
        printer.say("Stopping " + id + ". AWS will start it again by itself around " + restart + " (7 days from now).");
        if (!keepStopped && !Tags.keepStopped(db)) {
            printer.say("To keep it stopped: `cruddur rds keep-stopped --mark`, then run `cruddur rds keep-stopped` on a schedule"
                    + " (docs/operations.md, section 10).");
        }
        if (waiting.enabled()) {
            new InstanceWaiter(rds, printer, waiting).until(id, Set.of("stopped"));
            printer.say(id + " is stopped.");
            printer.record(new InstanceChange(id, "stopped", "stopped"));
        } else {
            printer.record(new InstanceChange(id, "stop requested", "stopping"));
        }
        return 0;
    }
}
