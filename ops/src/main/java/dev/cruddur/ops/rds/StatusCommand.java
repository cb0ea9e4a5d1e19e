package dev.cruddur.ops.rds;

import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.cost.Ipv4Price;
import dev.cruddur.ops.output.Printer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the instance's state, endpoint and public access (RDS DescribeDBInstances) and, when it is stopped,"
                + " when AWS will start it again: 7 days after it stopped, found in RDS's event log (DescribeEvents)."},
        footer = {"", "Example:", "  cruddur rds status", "  cruddur rds status --db-instance-identifier cruddur-db-instance --output json"})
final class StatusCommand extends AwsCommand {

    /** The instance as printed; {@code stoppedAt}/{@code autoStartAt} only for a stopped instance. */
    record Status(String identifier, String state, String endpoint, boolean publiclyAccessible, String instanceClass,
                  String engineVersion, List<String> securityGroups, String masterUserSecretArn, boolean keepStopped,
                  String stoppedAt, String autoStartAt) {
    }

    static final String UNKNOWN = "unknown";

    @Mixin
    DbInstanceOption instance;

    @Override
    protected int run(AwsClients clients, Printer printer) {
        RdsClient rds = clients.rds();
        DBInstance db = DbInstances.require(rds, instance.identifier());
        String stoppedAt = null;
        String autoStartAt = null;
        if ("stopped".equals(db.dbInstanceStatus())) {
            Optional<Instant> stopped = RdsEvents.lastStopped(RdsEvents.recent(rds, db.dbInstanceIdentifier()));
            stoppedAt = stopped.map(Instant::toString).orElse(UNKNOWN);
            autoStartAt = stopped.map(at -> at.plus(RdsEvents.AUTO_START_AFTER).toString()).orElse(UNKNOWN);
        }
        printer.record(new Status(db.dbInstanceIdentifier(), db.dbInstanceStatus(), InstanceView.endpoint(db),
                Boolean.TRUE.equals(db.publiclyAccessible()), db.dbInstanceClass(), db.engine() + " " + db.engineVersion(),
                db.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList(),
                db.masterUserSecret() == null ? null : db.masterUserSecret().secretArn(), Tags.keepStopped(db),
                stoppedAt, autoStartAt));
        advise(printer, db, autoStartAt);
        return 0;
    }

    private static void advise(Printer printer, DBInstance db, String autoStartAt) {
        if (autoStartAt != null) {
            printer.say(UNKNOWN.equals(autoStartAt)
                    ? "It stopped more than 14 days ago (RDS keeps events that long), so when AWS starts it again is unknown;"
                            + " AWS starts a stopped instance 7 days after it stopped."
                    : "AWS will start it again at " + autoStartAt + " (7 days after it stopped).");
            if (!Tags.keepStopped(db)) {
                printer.say("To keep it stopped, mark it (`cruddur rds keep-stopped --mark`) and run `cruddur rds keep-stopped` on a schedule.");
            }
        } else if (Boolean.TRUE.equals(db.publiclyAccessible()) && "available".equals(db.dbInstanceStatus())) {
            printer.say("Its public IPv4 address costs " + Ipv4Price.PER_HOUR + " per hour while it runs; `cruddur rds public-access off` when you do not connect from outside.");
        }
    }
}
