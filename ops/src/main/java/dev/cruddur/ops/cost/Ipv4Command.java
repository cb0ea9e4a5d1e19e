package dev.cruddur.ops.cost;

import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.output.OutputFormat;
import dev.cruddur.ops.output.Printer;
import java.math.BigDecimal;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "ipv4", mixinStandardHelpOptions = true,
        description = {"List the public IPv4 addresses the region bills for (Elastic IPs and public IPs on network "
                + "interfaces), what holds each, what they cost at " + Ipv4Price.PER_HOUR + " per address-hour, and how to stop paying.",
                "An RDS instance's interface is confirmed against RDS (DescribeDBInstances)."},
        footer = {"", "Example:", "  cruddur cost ipv4 --region us-east-1"})
final class Ipv4Command extends AwsCommand {

    /** The whole answer, for {@code --output json}. */
    record Report(String region, List<PublicAddress> addresses, int count, BigDecimal usdPerHour,
                  BigDecimal usdPerMonth, int hoursPerMonth) {
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        String region = clients.ec2().serviceClientConfiguration().region().id();
        PublicAddresses.Found found = new PublicAddresses(clients.ec2(), clients::rds).find();
        found.notes().forEach(printer::progress);
        List<PublicAddress> addresses = found.addresses();
        int count = addresses.size();
        if (printer.format() == OutputFormat.JSON) {
            printer.record(new Report(region, addresses, count, Ipv4Price.hourly(count), Ipv4Price.monthly(count),
                    Ipv4Price.HOURS_PER_MONTH));
            return 0;
        }
        if (addresses.isEmpty()) {
            printer.say("No public IPv4 addresses in " + region + ": no public IPv4 charges.");
            return 0;
        }
        printer.rows(addresses, PublicAddress.class);
        printer.say("");
        printer.say(count + (count == 1 ? " public IPv4 address" : " public IPv4 addresses") + " in " + region
                + " at $" + Ipv4Price.PER_HOUR_USD + "/hour each: $" + Ipv4Price.hourly(count) + "/hour, $"
                + Ipv4Price.monthly(count) + "/month (" + Ipv4Price.HOURS_PER_MONTH + " hours).");
        return 0;
    }
}
