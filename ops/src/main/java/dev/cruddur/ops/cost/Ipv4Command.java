package dev.cruddur.ops.cost;

import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.output.OutputFormat;
import dev.cruddur.ops.output.Printer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ec2.model.Region;

@Command(name = "ipv4", mixinStandardHelpOptions = true,
        description = {"List the public IPv4 addresses the region bills for (Elastic IPs and public IPs on network "
                + "interfaces), who really holds each, what each costs at " + Ipv4Price.PER_HOUR + " per address-hour, "
                + "and how to stop paying; and the NAT gateways, which bill by the hour on their own.",
                "An RDS instance's interface is confirmed against RDS (DescribeDBInstances). Addresses AWS manages "
                        + "for a service, or that are in use, are never advised for release."},
        footer = {"", "Examples:", "  cruddur cost ipv4 --region us-east-1", "  cruddur cost ipv4 --all-regions"})
final class Ipv4Command extends AwsCommand {

    @Option(names = "--all-regions",
            description = "Every region enabled for the account (EC2 DescribeRegions, asked of --region or the "
                    + "default region), not just one.")
    boolean allRegions;

    /**
     * The whole answer, for {@code --output json}.
     *
     * @param region the one region asked, or {@code all} with {@code --all-regions}
     */
    record Report(String region, List<String> regions, List<PublicAddress> addresses, List<NatGatewayCharge> natGateways,
                  int count, BigDecimal usdPerHour, BigDecimal usdPerMonth, int hoursPerMonth) {
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        List<String> regions = allRegions ? enabledRegions(clients) : List.of(regionOf(clients));
        List<PublicAddress> addresses = new ArrayList<>();
        List<NatGatewayCharge> natGateways = new ArrayList<>();
        for (String region : regions) {
            AwsClients regional = allRegions ? clients.inRegion(region) : clients;
            PublicAddresses.Found found = new PublicAddresses(region, regional.ec2(), regional::rds).find();
            found.notes().forEach(note -> printer.progress((allRegions ? region + ": " : "") + note));
            addresses.addAll(found.addresses());
            natGateways.addAll(found.natGateways());
        }
        int count = addresses.size();
        String where = regions.size() == 1 ? regions.get(0) : regions.size() + " regions";
        if (printer.format() == OutputFormat.JSON) {
            printer.record(new Report(allRegions ? "all" : regions.get(0), regions, addresses, natGateways, count, Ipv4Price.hourly(count),
                    Ipv4Price.monthly(count), Ipv4Price.HOURS_PER_MONTH));
            return 0;
        }
        if (addresses.isEmpty()) {
            printer.say("No public IPv4 addresses in " + where + ": no public IPv4 charges.");
        } else {
            printer.rows(addresses, PublicAddress.class);
            printer.say("");
            printer.say(count + (count == 1 ? " public IPv4 address" : " public IPv4 addresses") + " in " + where
                    + " at $" + Ipv4Price.PER_HOUR_USD + "/hour each: $" + Ipv4Price.hourly(count) + "/hour, $"
                    + Ipv4Price.monthly(count) + "/month (" + Ipv4Price.HOURS_PER_MONTH + " hours).");
        }
        natGateways.forEach(gateway -> printer.say((allRegions ? gateway.region() + ": " : "") + gateway.sentence()));
        return 0;
    }

    private static String regionOf(AwsClients clients) {
        return clients.ec2().serviceClientConfiguration().region().id();
    }

    /** The regions the account can use: DescribeRegions without AllRegions leaves out those not opted in. */
    private static List<String> enabledRegions(AwsClients clients) {
        return clients.ec2().describeRegions().regions().stream().map(Region::regionName).sorted().toList();
    }
}
