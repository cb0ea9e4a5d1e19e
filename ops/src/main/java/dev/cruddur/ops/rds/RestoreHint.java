package dev.cruddur.ops.rds;

import dev.cruddur.ops.output.Printer;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * How to bring back an instance from its final snapshot. The restored instance differs from the
 * deleted one in a way that bites: RDS deletes the managed master secret with the instance, and
 * the snapshot carries only a password nobody knows, so the restored instance needs a new secret.
 */
final class RestoreHint {

    private RestoreHint() {
    }

    static void print(Printer printer, DBInstance db, String snapshot) {
        String id = db.dbInstanceIdentifier();
        StringBuilder restore = new StringBuilder("aws rds restore-db-instance-from-db-snapshot --db-instance-identifier ")
                .append(id).append(" --db-snapshot-identifier ").append(snapshot);
        // Left out, these fall back to the default VPC's defaults: its shared default group, and a public address there.
        if (!db.vpcSecurityGroups().isEmpty()) {
            restore.append(" --vpc-security-group-ids");
            db.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId)
                    .forEach(group -> restore.append(' ').append(group));
        }
        if (db.dbSubnetGroup() != null && db.dbSubnetGroup().dbSubnetGroupName() != null
                && !"default".equals(db.dbSubnetGroup().dbSubnetGroupName())) {
            restore.append(" --db-subnet-group-name ").append(db.dbSubnetGroup().dbSubnetGroupName());
        }
        restore.append(Boolean.TRUE.equals(db.publiclyAccessible()) ? " --publicly-accessible" : " --no-publicly-accessible");
        printer.say("To restore it later (the snapshot is charged for its storage until you delete it with"
                + " `aws rds delete-db-snapshot --db-snapshot-identifier " + snapshot + "`):");
        printer.say("  1. " + restore);
        if (db.masterUserSecret() != null) {
            printer.say("  2. The restored instance has no RDS-managed master secret: RDS deletes the secret with this instance,"
                    + " and the snapshot keeps only the old password, which nobody can read any more. Once the restored"
                    + " instance is available, have RDS make a new password and secret:");
            printer.say("       aws rds modify-db-instance --db-instance-identifier " + id
                    + " --manage-master-user-password --apply-immediately");
            printer.say("  3. `cruddur rds status" + DbInstanceOption.flagFor(id) + "` then shows the new secret's ARN;"
                    + " point DATABASE_URL and the Lambda's --database-secret-arn at it.");
        }
    }
}
