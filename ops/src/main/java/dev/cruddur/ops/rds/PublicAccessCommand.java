package dev.cruddur.ops.rds;

import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.cost.Ipv4Price;
import dev.cruddur.ops.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

@Command(name = "public-access", mixinStandardHelpOptions = true,
        description = {"Turn the instance's public address on or off (RDS ModifyDBInstance PubliclyAccessible, applied immediately).",
                "On: reachable from the internet, but only from addresses its security group lets in (`cruddur network allow-my-ip`);"
                        + " the public IPv4 address costs " + Ipv4Price.PER_HOUR + " per hour (" + Ipv4Price.PER_MONTH
                        + " a month of " + Ipv4Price.HOURS_PER_MONTH + " hours) while the instance runs.",
                "Off: reachable only from inside its VPC, and no public IPv4 charge."},
        footer = {"", "Example:", "  cruddur rds public-access off", "  cruddur rds public-access on --dry-run"})
final class PublicAccessCommand extends InstanceChangeCommand {

    /** The wanted setting. */
    enum Setting { ON, OFF }

    @Parameters(index = "0", paramLabel = "on|off", description = "on or off.")
    Setting setting;

    @Override
    protected int change(AwsClients clients, String id, Changes changes, Printer printer) {
        RdsClient rds = clients.rds();
        boolean wanted = setting == Setting.ON;
        DBInstance db = DbInstances.require(rds, id);
        if (Boolean.TRUE.equals(db.publiclyAccessible()) == wanted) {
            printer.say("Public access of " + id + " is already " + (wanted ? "on" : "off") + "; nothing sent.");
            printer.record(new InstanceChange(id, "public access already " + (wanted ? "on" : "off"), db.dbInstanceStatus()));
            return 0;
        }
        ModifyDbInstanceRequest request = ModifyDbInstanceRequest.builder().dbInstanceIdentifier(id)
                .publiclyAccessible(wanted).applyImmediately(true).build();
        if (changes.send(request, rds::modifyDBInstance).isEmpty()) {
            printer.record(new InstanceChange(id, "would turn public access " + (wanted ? "on" : "off") + " (dry run)",
                    db.dbInstanceStatus()));
            return 0;
        }
        if (wanted) {
            printer.say("Turning public access of " + id + " on (RDS applies it within minutes). Its public IPv4 address costs"
                    + " $" + Ipv4Price.PER_HOUR_USD + " per hour, $" + Ipv4Price.monthly(1) + " a month (" + Ipv4Price.HOURS_PER_MONTH
                    + " hours), while it runs. Only addresses its security group allows can connect:"
                    + " `cruddur network allow-my-ip`.");
        } else {
            printer.say("Turning public access of " + id + " off (RDS applies it within minutes): it releases the public IPv4"
                    + " address and its " + Ipv4Price.PER_HOUR + "/hour charge; the database is then reachable only from inside its VPC.");
        }
        printer.record(new InstanceChange(id, "public access " + (wanted ? "on" : "off") + " requested", "modifying"));
        return 0;
    }
}
