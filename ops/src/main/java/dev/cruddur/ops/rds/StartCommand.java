package dev.cruddur.ops.rds;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsErrors;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.output.Printer;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.StartDbInstanceRequest;

@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start a stopped instance (RDS StartDBInstance) and wait until it is available. An instance that is"
                + " already available or starting is reported, not an error.",
                "An instance tagged " + Tags.KEEP_STOPPED + "=true keeps the tag: `cruddur rds keep-stopped` never stops an"
                        + " instance you started, only one AWS restarts after 7 days stopped. When AWS had already restarted it,"
                        + " start tags it " + Tags.OPERATOR_KEPT_RESTART + " so keep-stopped leaves it running."},
        footer = {"", "Example:", "  cruddur rds start", "  cruddur rds start --no-wait --db-instance-identifier cruddur-db-instance"})
final class StartCommand extends InstanceChangeCommand {

    @Mixin
    WaitOptions waiting;

    @Override
    protected int change(AwsClients clients, String id, Changes changes, Printer printer) {
        RdsClient rds = clients.rds();
        DBInstance db = DbInstances.require(rds, id);
        String state = db.dbInstanceStatus();
        if ("available".equals(state)) {
            printer.say(id + " is already available; nothing to start.");
            keepStoppedMark(rds, changes, printer, db, false);
            printer.record(InstanceView.of(db));
            return 0;
        }
        Optional<InstanceChange> change = "starting".equals(state)
                ? Optional.of(already(printer, id, state))
                : requestStart(rds, changes, printer, id, state);
        if (change.isEmpty()) {
            return 0; // a dry run, already printed
        }
        keepStoppedMark(rds, changes, printer, db, "start requested".equals(change.get().change()));
        if (waiting.enabled()) {
            printer.record(InstanceView.of(new InstanceWaiter(rds, printer, waiting).until(id, Set.of("available"))));
        } else {
            printer.record(change.get());
        }
        return 0;
    }

    /** Sends StartDBInstance; empty under --dry-run. */
    private Optional<InstanceChange> requestStart(RdsClient rds, Changes changes, Printer printer, String id, String state) {
        if (!"stopped".equals(state)) {
            throw CommandFailure.failed(id + " is " + state + "; only a stopped instance can be started (see `cruddur rds status`)");
        }
        try {
            if (changes.send(StartDbInstanceRequest.builder().dbInstanceIdentifier(id).build(), rds::startDBInstance).isEmpty()) {
                printer.record(new InstanceChange(id, "would start (dry run)", state));
                return Optional.empty();
            }
        } catch (InvalidDbInstanceStateException e) {
            // It changed state between our look-up and our request (someone else started it).
            String now = DbInstances.require(rds, id).dbInstanceStatus();
            if (!Set.of("starting", "available").contains(now)) {
                throw CommandFailure.failed(AwsErrors.describe(e) + " (it is " + now + " now; see `cruddur rds status`)", e);
            }
            return Optional.of(already(printer, id, now));
        }
        printer.say("Starting " + id + "; this takes a few minutes.");
        return Optional.of(new InstanceChange(id, "start requested", "starting"));
    }

    /**
     * What this start means for the keep-stopped mark. The mark stays: keep-stopped undoes only AWS's
     * own restart after 7 days stopped. An instance found running because AWS restarted it is one
     * the operator now wants running, so it is tagged as kept ({@link Tags#OPERATOR_KEPT_RESTART}).
     */
    private static void keepStoppedMark(RdsClient rds, Changes changes, Printer printer, DBInstance db, boolean startedNow) {
        if (!Tags.keepStopped(db)) {
            return;
        }
        String id = db.dbInstanceIdentifier();
        if (!startedNow) {
            Optional<AwsRestart> restart = AwsRestart.of(rds, db);
            if (restart.isPresent() && !restart.get().keptByOperator()) {
                Instant at = restart.get().at();
                boolean sent = KeepStoppedTag.keepRestart(rds, changes, db, at);
                printer.say("AWS started it at " + at + " (after 7 days stopped). " + (sent
                        ? "Tagged it " + Tags.OPERATOR_KEPT_RESTART + "=" + at + ": `cruddur rds keep-stopped` now leaves it running."
                        : "A run without --dry-run tags it " + Tags.OPERATOR_KEPT_RESTART + "=" + at
                                + " so that `cruddur rds keep-stopped` leaves it running."));
            }
        }
        printer.say(id + " stays tagged " + Tags.KEEP_STOPPED + "=true: `cruddur rds keep-stopped` leaves this start alone,"
                + " and stops it again only if AWS restarts it after 7 days stopped (remove the mark with"
                + " `cruddur rds keep-stopped --unmark" + DbInstanceOption.flagFor(id) + "`).");
    }

    private static InstanceChange already(Printer printer, String id, String state) {
        printer.say(id + " is already " + state + ".");
        return new InstanceChange(id, "already " + state, state);
    }
}
