package dev.cruddur.ops.rds;

import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.output.Printer;
import java.time.Instant;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.rds.model.Tag;

/** Puts on (or takes off) the {@code cruddur:keep-stopped=true} tag, sending nothing when it is already so. */
final class KeepStoppedTag {

    private KeepStoppedTag() {
    }

    /** @return what happened: {@code tagged}, {@code already tagged} or {@code would tag (dry run)} */
    static String mark(RdsClient rds, Changes changes, Printer printer, DBInstance db) {
        if (Tags.keepStopped(db)) {
            printer.say(db.dbInstanceIdentifier() + " is already tagged " + Tags.KEEP_STOPPED + "=true.");
            return "already tagged";
        }
        boolean sent = changes.send(AddTagsToResourceRequest.builder().resourceName(db.dbInstanceArn())
                        .tags(Tag.builder().key(Tags.KEEP_STOPPED).value("true").build()).build(),
                        rds::addTagsToResource).isPresent();
        if (sent) {
            printer.say("Tagged " + db.dbInstanceIdentifier() + " " + Tags.KEEP_STOPPED
                    + "=true: `cruddur rds keep-stopped` stops it whenever AWS restarts it.");
        }
        return sent ? "tagged" : "would tag (dry run)";
    }

    /**
     * Tags the instance {@link Tags#OPERATOR_KEPT_RESTART}={@code restart}: the operator wants
     * running the instance AWS restarted at that time.
     *
     * @return whether the tag was sent (not under --dry-run)
     */
    static boolean keepRestart(RdsClient rds, Changes changes, DBInstance db, Instant restart) {
        return changes.send(AddTagsToResourceRequest.builder().resourceName(db.dbInstanceArn())
                        .tags(Tag.builder().key(Tags.OPERATOR_KEPT_RESTART).value(restart.toString()).build()).build(),
                rds::addTagsToResource).isPresent();
    }

    /** @return what happened: {@code untagged}, {@code not tagged} or {@code would untag (dry run)} */
    static String unmark(RdsClient rds, Changes changes, Printer printer, DBInstance db) {
        if (Tags.value(db, Tags.KEEP_STOPPED).isEmpty()) {
            printer.say(db.dbInstanceIdentifier() + " has no " + Tags.KEEP_STOPPED + " tag.");
            return "not tagged";
        }
        boolean sent = changes.send(RemoveTagsFromResourceRequest.builder().resourceName(db.dbInstanceArn())
                        .tagKeys(Tags.KEEP_STOPPED).build(), rds::removeTagsFromResource).isPresent();
        if (sent) {
            printer.say("Removed the " + Tags.KEEP_STOPPED + " tag from " + db.dbInstanceIdentifier() + ".");
        }
        return sent ? "untagged" : "would untag (dry run)";
    }
}
