package dev.cruddur.ops.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.OpsRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ipv4CommandTest {

    private final AwsStub aws = new AwsStub();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void listsEveryPublicAddressOnceNamesWhatHoldsItAndPricesIt() {
        aws.query("DescribeAddresses", addresses(
                // not attached to anything
                """
                <item><publicIp>198.51.100.7</publicIp><allocationId>eipalloc-idle</allocationId><domain>vpc</domain>
                  <networkBorderGroup>us-east-1</networkBorderGroup></item>""",
                // attached to an EC2 instance's interface, which DescribeNetworkInterfaces lists too
                """
                <item><publicIp>198.51.100.8</publicIp><allocationId>eipalloc-web</allocationId><domain>vpc</domain>
                  <associationId>eipassoc-web</associationId><instanceId>i-0web</instanceId>
                  <networkInterfaceId>eni-web</networkInterfaceId><privateIpAddress>10.0.1.10</privateIpAddress></item>"""));
        aws.query("DescribeNetworkInterfaces", interfacesPage("page-2",
                eni("eni-web", "vpc-1", "subnet-a", "sg-web", "Primary network interface", null, "interface",
                        "<attachment><instanceId>i-0web</instanceId><status>attached</status></attachment>",
                        "198.51.100.8", "eipalloc-web"),
                eni("eni-private", "vpc-1", "subnet-a", "sg-web", "no public address", null, "interface", "", null, null)));
        aws.query("DescribeNetworkInterfaces", "NextToken", "page-2", interfacesPage(null,
                eni("eni-rds", "vpc-1", "subnet-b", "sg-db", "RDSNetworkInterface", "amazon-rds", "interface", "",
                        "3.80.1.2", null),
                eni("eni-nat", "vpc-1", "subnet-a", "sg-web", "Interface for NAT Gateway nat-0abc", null, "nat_gateway", "",
                        "3.80.9.9", null)));
        aws.query("DescribeDBInstances", dbInstances(
                dbInstance("other-db", true, "vpc-2", "subnet-b", "sg-db"),
                dbInstance("cruddur-db-instance", true, "vpc-1", "subnet-b", "sg-db")));

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("PUBLIC IP", "KIND", "RESOURCE", "ADVICE");
        assertThat(lineOf(run.out(), "198.51.100.7")).contains("Elastic IP", "not attached",
                "release it (`aws ec2 release-address --allocation-id eipalloc-idle`)");
        assertThat(lineOf(run.out(), "198.51.100.8")).contains("Elastic IP", "EC2 instance i-0web", "eni-web",
                "release it when EC2 instance i-0web no longer needs a fixed address (billed even while stopped)");
        assertThat(lineOf(run.out(), "3.80.1.2")).contains("public IP",
                "RDS DB instance cruddur-db-instance (publicly accessible)", "eni-rds",
                "turn public access off when not connecting from outside: "
                        + "`cruddur rds public-access off --db-instance-identifier cruddur-db-instance`");
        assertThat(lineOf(run.out(), "3.80.9.9")).contains("NAT gateway (Interface for NAT Gateway nat-0abc)");
        // the Elastic IP on eni-web is counted once
        assertThat(run.out().split("198\\.51\\.100\\.8", -1)).hasSize(2);
        assertThat(run.out()).contains("4 public IPv4 addresses in us-east-1 at $0.005/hour each: "
                + "$0.020/hour, $14.60/month (730 hours).");

        assertThat(aws.queryRequests("DescribeNetworkInterfaces")).hasSize(2);
        assertThat(aws.queryRequests("DescribeNetworkInterfaces").get(1).formParameters().get("NextToken").firstValue())
                .isEqualTo("page-2");
        assertThat(aws.queryRequests("DescribeDBInstances")).hasSize(1);
    }

    @Test
    void anRdsInterfaceOfAPrivateInstanceNeedsNoAdviceAndJsonCarriesTheTotals() throws Exception {
        aws.query("DescribeAddresses", addresses());
        aws.query("DescribeNetworkInterfaces", interfacesPage(null,
                eni("eni-rds", "vpc-1", "subnet-b", "sg-db", "RDSNetworkInterface", "amazon-rds", "interface", "",
                        "3.80.1.2", null)));
        aws.query("DescribeDBInstances", dbInstances(dbInstance("cruddur-db-instance", false, "vpc-1", "subnet-b", "sg-db")));

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4", "--output", "json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("region").asText()).isEqualTo("us-east-1");
        assertThat(report.get("count").asInt()).isEqualTo(1);
        assertThat(report.get("usd_per_hour").decimalValue()).isEqualByComparingTo("0.005");
        assertThat(report.get("usd_per_month").decimalValue()).isEqualByComparingTo("3.65");
        JsonNode address = report.get("addresses").get(0);
        assertThat(address.get("public_ip").asText()).isEqualTo("3.80.1.2");
        assertThat(address.get("resource").asText()).isEqualTo("RDS DB instance cruddur-db-instance (not publicly accessible)");
        assertThat(address.get("advice").asText()).isEqualTo("-");
    }

    @Test
    void nothingPublicMeansNoChargesAndNoRdsLookup() {
        aws.query("DescribeAddresses", addresses());
        aws.query("DescribeNetworkInterfaces", interfacesPage(null,
                eni("eni-private", "vpc-1", "subnet-a", "sg-web", "no public address", null, "interface", "", null, null)));

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("No public IPv4 addresses in us-east-1: no public IPv4 charges.");
        assertThat(aws.queryRequests("DescribeDBInstances")).isEmpty();
    }

    @Test
    void withoutRdsPermissionTheAddressIsStillListedAndPricedWithANote() {
        aws.query("DescribeAddresses", addresses());
        aws.query("DescribeNetworkInterfaces", interfacesPage(null,
                eni("eni-rds", "vpc-1", "subnet-b", "sg-db", "RDSNetworkInterface", "amazon-rds", "interface", "",
                        "3.80.1.2", null)));
        aws.queryError("DescribeDBInstances", 403, "AccessDenied",
                "User is not authorized to perform: rds:DescribeDBInstances");

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Could not confirm the RDS interfaces against RDS: Rds AccessDenied:");
        assertThat(lineOf(run.out(), "3.80.1.2")).contains("RDS network interface (DB instance not identified)");
        assertThat(run.out()).contains("1 public IPv4 address in us-east-1", "$0.005/hour, $3.65/month");
    }

    @Test
    void anEc2ErrorIsOneLineWithAdvice() {
        aws.ec2Error("DescribeAddresses", 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .startsWith("cruddur: Ec2 UnauthorizedOperation: You are not authorized").contains("IAM permission");
        assertThat(aws.queryRequests("DescribeNetworkInterfaces")).isEmpty();
    }

    private static String lineOf(String text, String containing) {
        return text.lines().filter(line -> line.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + containing + " in\n" + text));
    }

    private static String addresses(String... items) {
        return """
                <DescribeAddressesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>r1</requestId>
                  <addressesSet>%s</addressesSet>
                </DescribeAddressesResponse>""".formatted(String.join("\n", items));
    }

    private static String interfacesPage(String nextToken, String... items) {
        return """
                <DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>r2</requestId>
                  <networkInterfaceSet>%s</networkInterfaceSet>%s
                </DescribeNetworkInterfacesResponse>""".formatted(String.join("\n", items),
                nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>");
    }

    private static String eni(String id, String vpc, String subnet, String group, String description, String requester,
                              String type, String attachment, String publicIp, String allocationId) {
        String association = publicIp == null ? "" : """
                <association><publicIp>%s</publicIp><ipOwnerId>%s</ipOwnerId>%s</association>""".formatted(publicIp,
                allocationId == null ? "amazon" : "123456789012",
                allocationId == null ? "" : "<allocationId>" + allocationId + "</allocationId><associationId>eipassoc-x</associationId>");
        return """
                <item>
                  <networkInterfaceId>%s</networkInterfaceId><subnetId>%s</subnetId><vpcId>%s</vpcId>
                  <availabilityZone>us-east-1a</availabilityZone><description>%s</description>
                  <ownerId>123456789012</ownerId>%s<requesterManaged>%s</requesterManaged><status>in-use</status>
                  <privateIpAddress>10.0.0.5</privateIpAddress>
                  <groupSet><item><groupId>%s</groupId><groupName>g</groupName></item></groupSet>
                  %s%s
                  <privateIpAddressesSet><item><privateIpAddress>10.0.0.5</privateIpAddress><primary>true</primary>%s</item></privateIpAddressesSet>
                  <interfaceType>%s</interfaceType>
                </item>""".formatted(id, subnet, vpc, description,
                requester == null ? "" : "<requesterId>" + requester + "</requesterId>", requester != null, group,
                attachment, association, association, type);
    }

    private static String dbInstances(String... instances) {
        return """
                <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <DescribeDBInstancesResult><DBInstances>%s</DBInstances></DescribeDBInstancesResult>
                  <ResponseMetadata><RequestId>r3</RequestId></ResponseMetadata>
                </DescribeDBInstancesResponse>""".formatted(String.join("\n", instances));
    }

    private static String dbInstance(String id, boolean publiclyAccessible, String vpc, String subnet, String group) {
        return """
                <DBInstance>
                  <DBInstanceIdentifier>%s</DBInstanceIdentifier><DBInstanceStatus>available</DBInstanceStatus>
                  <PubliclyAccessible>%s</PubliclyAccessible>
                  <VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>%s</VpcSecurityGroupId>
                    <Status>active</Status></VpcSecurityGroupMembership></VpcSecurityGroups>
                  <DBSubnetGroup><DBSubnetGroupName>default</DBSubnetGroupName><VpcId>%s</VpcId>
                    <Subnets><Subnet><SubnetIdentifier>%s</SubnetIdentifier><SubnetStatus>Active</SubnetStatus></Subnet>
                    <Subnet><SubnetIdentifier>subnet-z</SubnetIdentifier><SubnetStatus>Active</SubnetStatus></Subnet></Subnets>
                  </DBSubnetGroup>
                </DBInstance>""".formatted(id, publiclyAccessible, group, vpc, subnet);
    }
}
