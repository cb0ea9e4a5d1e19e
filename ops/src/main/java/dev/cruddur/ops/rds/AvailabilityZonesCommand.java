package dev.cruddur.ops.rds;

import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.output.Printer;
import java.util.List;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;

@Command(name = "azs", mixinStandardHelpOptions = true,
        description = "List the region's availability zones (EC2 DescribeAvailabilityZones).",
        footer = {"", "Example:", "  cruddur rds azs --region ca-central-1"})
final class AvailabilityZonesCommand extends AwsCommand {

    /** One zone as printed. */
    record Zone(String zoneName, String zoneId, String state, String regionName) {
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        List<Zone> zones = clients.ec2().describeAvailabilityZones().availabilityZones().stream()
                .map(AvailabilityZonesCommand::zone)
                .toList();
        printer.rows(zones, Zone.class);
        return 0;
    }

    private static Zone zone(AvailabilityZone zone) {
        return new Zone(zone.zoneName(), zone.zoneId(), zone.stateAsString(), zone.regionName());
    }
}
