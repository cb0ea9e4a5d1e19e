package dev.cruddur.ops.rds;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.output.Printer;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete the instance (RDS DeleteDBInstance), after a final snapshot named <id>-final-<UTC time> unless"
                + " --skip-final-snapshot, and wait until it is gone. Needs --yes. RDS deletes the instance's Secrets Manager secret with it.",
                "A snapshot is kept (and charged for its storage) until you delete it."},
        footer = {"", "Example:", "  cruddur rds delete --yes", "  cruddur rds delete --skip-final-snapshot --yes"})
final class DeleteCommand extends InstanceChangeCommand {

    @Mixin
    WaitOptions waiting;

    @Mixin
    FinalSnapshotOption finalSnapshot;

    @Option(names = "--yes", description = "Confirm: the instance and its data are deleted.")
    boolean yes;

    /** The result: {@code finalSnapshot} is null when there is none. */
    record Deletion(String identifier, String change, String state, String finalSnapshot) {
    }

    @Override
    protected void checkArguments() {
        // A dry run sends nothing, so it needs no confirmation: it is how to see what --yes would do.
        if (!yes && !dryRun.enabled()) {
            throw CommandFailure.usage("Deleting " + instance.identifier() + " deletes its data"
                    + (finalSnapshot.skipped() ? " for good (no final snapshot)" : " (a final snapshot is kept)")
                    + ". Run `cruddur rds delete" + flags() + " --yes` to confirm.");
        }
    }

    @Override
    protected int change(AwsClients clients, String id, Changes changes, Printer printer) {
        RdsClient rds = clients.rds();
        Optional<DBInstance> db = DbInstances.find(rds, id);
        if (db.isEmpty()) {
            printer.say("There is no DB instance " + id + "; nothing to delete.");
            printer.record(new Deletion(id, "nothing to delete", "gone", null));
            return 0;
        }
        String change;
        Optional<String> snapshot = Optional.empty();
        if ("deleting".equals(db.get().dbInstanceStatus())) {
            printer.say(id + " is already being deleted.");
            change = "already being deleted";
        } else {
            snapshot = finalSnapshot.nameFor(id);
            if (changes.send(FinalSnapshot.deletion(id, snapshot), rds::deleteDBInstance).isEmpty()) {
                printer.record(new Deletion(id, "would delete (dry run)", db.get().dbInstanceStatus(),
                        snapshot.orElse(null)));
                return 0;
            }
            change = "delete requested";
            if (snapshot.isEmpty()) {
                printer.say("Deleting " + id + " without a final snapshot.");
            } else {
                printer.say("Deleting " + id + " after a final snapshot " + snapshot.get() + ".");
                RestoreHint.print(printer, db.get(), snapshot.get());
            }
        }
        if (waiting.enabled()) {
            new InstanceWaiter(rds, printer, waiting).untilGone(id);
            printer.say(id + " is deleted.");
            printer.record(new Deletion(id, "deleted", "gone", snapshot.orElse(null)));
        } else {
            printer.record(new Deletion(id, change, "deleting", snapshot.orElse(null)));
        }
        return 0;
    }

    private String flags() {
        return DbInstanceOption.flagFor(instance.identifier()) + finalSnapshot.flag();
    }
}
