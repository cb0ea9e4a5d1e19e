package dev.cruddur.ops.rds;

import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.output.Printer;
import java.util.List;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneOptInStatus;
import software.amazon.awssdk.services.ec2.model.Filter;

@Command(name = "azs", mixinStandardHelpOptions = true,
        description = {"List the region's availability zones that the account can use (EC2 DescribeAvailabilityZones):"
                + " no Local Zones or Wavelength Zones, none the account has not opted in to.",
                "`cruddur rds create --availability-zone` then checks that RDS offers the instance there."},
        footer = {"", "Example:", "  cruddur rds azs --region ca-central-1"})
final class AvailabilityZonesCommand extends AwsCommand {

    private static final String AVAILABILITY_ZONE = "availability-zone";
    private static final List<String> USABLE_OPT_IN = List.of(
            AvailabilityZoneOptInStatus.OPT_IN_NOT_REQUIRED.toString(), AvailabilityZoneOptInStatus.OPTED_IN.toString());

    /** One zone as printed. */
    record Zone(String zoneName, String zoneId, String state, String regionName) {
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        List<Zone> zones = clients.ec2().describeAvailabilityZones(request -> request.filters(
                        Filter.builder().name("zone-type").values(AVAILABILITY_ZONE).build(),
                        Filter.builder().name("opt-in-status").values(USABLE_OPT_IN).build()))
                .availabilityZones().stream()
                .filter(AvailabilityZonesCommand::usable)
                .map(AvailabilityZonesCommand::zone)
                .toList();
        printer.rows(zones, Zone.class);
        return 0;
    }

    /**
     * A zone of the region itself that the account may use. Local Zones and Wavelength Zones (and
     * zones the account has not opted in to) are where the seed's db.t3.micro and gp2 are not
     * offered, or not without extra steps; the filters ask EC2 for these only, and this check
     * holds whatever EC2 answers.
     */
    private static boolean usable(AvailabilityZone zone) {
        return AVAILABILITY_ZONE.equals(zone.zoneType()) && USABLE_OPT_IN.contains(zone.optInStatusAsString());
    }

    private static Zone zone(AvailabilityZone zone) {
        return new Zone(zone.zoneName(), zone.zoneId(), zone.stateAsString(), zone.regionName());
    }
}
