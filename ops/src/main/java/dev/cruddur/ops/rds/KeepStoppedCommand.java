package dev.cruddur.ops.rds;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.aws.DryRunOption;
import dev.cruddur.ops.aws.DurationConverter;
import dev.cruddur.ops.aws.Polling;
import dev.cruddur.ops.output.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.StopDbInstanceRequest;

@Command(name = "keep-stopped", mixinStandardHelpOptions = true,
        description = {"Stop again the instances AWS restarted after 7 days stopped (RDS-EVENT-0154). Meant to run on a schedule.",
                "Without --db-instance-identifier it looks at every instance tagged " + Tags.KEEP_STOPPED + "=true;"
                        + " with --db-instance-identifier at that one only, tagged or not. Either way it stops an instance only"
                        + " when RDS's events show that AWS restarted it since its last stop: an instance a person started"
                        + " (`cruddur rds start`) or just created is left running.",
                "An instance that is still starting cannot be stopped yet: it is polled, and the stop retried, until --timeout.",
                "--mark tags an instance to keep stopped; --unmark removes the tag."},
        footer = {"", "Example:", "  cruddur rds keep-stopped --mark", "  cruddur rds keep-stopped --region us-east-1",
                "  # crontab: every hour", "  0 * * * * cruddur rds keep-stopped --region us-east-1 --timeout 30m >>/var/log/cruddur-keep-stopped.log 2>&1"})
final class KeepStoppedCommand extends AwsCommand {

    /** What happened to one instance, as printed. */
    record Result(String identifier, String why, String stateBefore, String outcome) {
    }

    /** A result, and whether the instance is left running when it should not be (the command then exits 1). */
    private record Checked(Result result, boolean failed) {

        static Checked done(String identifier, String why, String stateBefore, String outcome) {
            return new Checked(new Result(identifier, why, stateBefore, outcome), false);
        }

        static Checked notStopped(String identifier, String why, String stateBefore, String outcome) {
            return new Checked(new Result(identifier, why, stateBefore, outcome), true);
        }
    }

    /** --mark or --unmark, not both. */
    static final class Marking {
        @Option(names = "--mark", description = "Tag the instance " + Tags.KEEP_STOPPED + "=true (and do nothing else).")
        boolean mark;

        @Option(names = "--unmark", description = "Remove the " + Tags.KEEP_STOPPED + " tag (and do nothing else).")
        boolean unmark;
    }

    // Not the shared DbInstanceOption: here leaving the flag out means every tagged instance, not the default one.
    @Option(names = "--db-instance-identifier", paramLabel = "ID",
            description = "Look at this instance only (default: every instance tagged " + Tags.KEEP_STOPPED + "=true;"
                    + " with --mark or --unmark: " + DbInstanceOption.DEFAULT + ").")
    String identifier;

    @Mixin
    DryRunOption dryRun;

    @Mixin
    WaitOptions waiting;

    @ArgGroup(exclusive = true)
    Marking marking;

    @Override
    protected int run(AwsClients clients, Printer printer) {
        RdsClient rds = clients.rds();
        Changes changes = new Changes(dryRun.enabled(), printer);
        if (marking != null) {
            DBInstance db = DbInstances.require(rds, identifier == null ? DbInstanceOption.DEFAULT : identifier);
            String change;
            if (marking.mark) {
                change = KeepStoppedTag.mark(rds, changes, printer, db);
                if (!Set.of("stopped", "stopping").contains(db.dbInstanceStatus())) {
                    printer.say(db.dbInstanceIdentifier() + " is " + db.dbInstanceStatus() + "; stop it now with `cruddur rds stop`.");
                }
            } else {
                change = KeepStoppedTag.unmark(rds, changes, printer, db);
            }
            printer.record(new InstanceChange(db.dbInstanceIdentifier(), change, db.dbInstanceStatus()));
            return 0;
        }
        List<DBInstance> targets = targets(rds);
        if (targets.isEmpty()) {
            printer.say("No instance is tagged " + Tags.KEEP_STOPPED + "=true; mark one with `cruddur rds keep-stopped --mark"
                    + " [--db-instance-identifier ID]`.");
            printer.rows(List.of(), Result.class);
            return 0;
        }
        List<Checked> checked = new ArrayList<>();
        for (DBInstance db : targets) {
            checked.add(keepStopped(rds, changes, printer, db));
        }
        printer.rows(checked.stream().map(Checked::result).toList(), Result.class);
        return checked.stream().anyMatch(Checked::failed) ? 1 : 0;
    }

    private List<DBInstance> targets(RdsClient rds) {
        if (identifier != null) {
            return List.of(DbInstances.require(rds, identifier));
        }
        return DbInstances.all(rds).stream().filter(Tags::keepStopped).toList();
    }

    private Checked keepStopped(RdsClient rds, Changes changes, Printer printer, DBInstance db) {
        String id = db.dbInstanceIdentifier();
        String before = db.dbInstanceStatus();
        if (Set.of("stopped", "stopping", "deleting").contains(before)) {
            return Checked.done(id, Tags.keepStopped(db) ? "tagged" : "named", before, "left alone: already " + before);
        }
        // Only AWS's own restart is undone: an instance a person started, or one just created, runs on purpose.
        Optional<AwsRestart> restart = AwsRestart.of(rds, db);
        String why = (Tags.keepStopped(db) ? "tagged" : "named")
                + restart.map(r -> "; AWS restarted it at " + r.at()).orElse("");
        if (restart.isEmpty()) {
            return Checked.done(id, why, before, "left alone: " + (Tags.keepStopped(db) ? "" : "not tagged, and ")
                    + "no restart by AWS since its last stop in RDS's events (a person started it, or it is new)");
        }
        if (restart.get().keptByOperator()) {
            return Checked.done(id, why, before, "left alone: `cruddur rds start` kept AWS's restart of "
                    + restart.get().at() + " running");
        }
        Polling polling = waiting.start();
        while (true) {
            String state = db.dbInstanceStatus();
            if (Set.of("stopped", "stopping").contains(state)) {
                return Checked.done(id, why, before, "now " + state);
            }
            if (InstanceStates.NEEDS_A_PERSON.contains(state)) {
                return Checked.notStopped(id, why, before, "cannot stop: it is " + state + " (see the RDS console)");
            }
            if ("available".equals(state)) {
                try {
                    if (changes.send(StopDbInstanceRequest.builder().dbInstanceIdentifier(id).build(), rds::stopDBInstance).isEmpty()) {
                        return Checked.done(id, why, before, "would stop (dry run)");
                    }
                    return Checked.done(id, why, before, "stop requested");
                } catch (InvalidDbInstanceStateException e) {
                    // Between our look-up and the stop, RDS began something else (a backup right after a start is usual).
                    printer.progress(id + ": RDS refused the stop for now (" + e.awsErrorDetails().errorMessage() + ")");
                }
            } else if (dryRun.enabled()) {
                return Checked.done(id, why, before, "would stop once it is available (dry run)");
            }
            if (!waiting.enabled()) {
                return Checked.notStopped(id, why, before, "not stopped: still " + state + "; run it again later");
            }
            if (polling.expired()) {
                return Checked.notStopped(id, why, before, "not stopped: still " + state + " after "
                        + DurationConverter.format(waiting.timeout()) + "; run it again later");
            }
            printer.progress(id + ": " + state + "; trying to stop it again in " + DurationConverter.format(waiting.pollInterval()));
            polling.pause("RDS to let " + id + " be stopped");
            db = DbInstances.find(rds, id).orElseThrow(() -> CommandFailure.failed(id + " disappeared while waiting to stop it"));
        }
    }
}
