package dev.cruddur.ops.cost;

import static org.assertj.core.api.Assertions.assertThat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.ops.AwsStub.Answer;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.Ec2Xml;
import dev.cruddur.ops.OpsRun;
import dev.cruddur.ops.rds.RdsXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Ipv4CommandTest {

    @RegisterExtension
    final AwsStub aws = new AwsStub();

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
                eni("eni-nat", "vpc-1", "subnet-a", "sg-web", "Interface for NAT Gateway nat-0abc", null, "natGateway", "",
                        "3.80.9.9", null)));
        aws.query("DescribeNatGateways", natGateways(
                natGateway("nat-0abc", "public", "available", "eni-nat", "3.80.9.9", "eipalloc-natx")));
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
        assertThat(lineOf(run.out(), "3.80.9.9")).contains("NAT gateway nat-0abc");
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
        aws.query("DescribeNatGateways", natGateways());
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
        aws.query("DescribeNatGateways", natGateways());

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
        aws.query("DescribeNatGateways", natGateways());
        aws.query("DescribeDBInstances", Answer.queryError(403, "AccessDenied",
                "User is not authorized to perform: rds:DescribeDBInstances"));

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Could not confirm the RDS interfaces against RDS: Rds AccessDenied:");
        assertThat(lineOf(run.out(), "3.80.1.2")).contains("RDS network interface (DB instance not identified)");
        assertThat(run.out()).contains("1 public IPv4 address in us-east-1", "$0.005/hour, $3.65/month");
    }

    @Test
    void anEc2ErrorIsOneLineWithAdvice() {
        aws.query("DescribeAddresses",
                Answer.ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .startsWith("cruddur: Ec2 UnauthorizedOperation: You are not authorized").contains("IAM permission");
        assertThat(aws.queryRequests("DescribeNetworkInterfaces")).isEmpty();
    }

    @Test
    void aPublicNatGatewaysElasticIpIsNeverToBeReleasedAndTheGatewaysOwnHourlyChargeIsSaid() {
        // A public NAT gateway holds an Elastic IP on a requester-managed interface of type natGateway.
        aws.query("DescribeAddresses", addresses("""
                <item><publicIp>3.80.9.9</publicIp><allocationId>eipalloc-nat</allocationId><domain>vpc</domain>
                  <associationId>eipassoc-nat</associationId><networkInterfaceId>eni-nat</networkInterfaceId>
                  <networkInterfaceOwnerId>123456789012</networkInterfaceOwnerId><privateIpAddress>10.0.0.9</privateIpAddress></item>"""));
        aws.query("DescribeNetworkInterfaces", interfacesPage(null,
                eni("eni-nat", "vpc-1", "subnet-a", "sg-web", "Interface for NAT Gateway nat-0abc", "036872051663",
                        "natGateway", "", "3.80.9.9", "eipalloc-nat")));
        aws.query("DescribeNatGateways", natGateways(
                natGateway("nat-0abc", "public", "available", "eni-nat", "3.80.9.9", "eipalloc-nat"),
                natGateway("nat-0priv", "private", "available", "eni-priv", null, null),
                natGateway("nat-0gone", "public", "deleted", "eni-old", null, null)));

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        String line = lineOf(run.out(), "3.80.9.9");
        assertThat(line).contains("Elastic IP", "NAT gateway nat-0abc (public)", "eni-nat", "3.65",
                "in use: delete the NAT gateway when idle, then release the address");
        assertThat(line).doesNotContain("release it (");
        // Both gateways that exist bill by the hour on their own, public or private; a deleted one does not.
        assertThat(run.out()).contains("NAT gateway nat-0abc (public) is billed by the hour on top of its address",
                "NAT gateway nat-0priv (private) is billed by the hour");
        assertThat(run.out()).doesNotContain("nat-0gone");
        assertThat(run.out()).contains("1 public IPv4 address in us-east-1");
    }

    @Test
    void addressesAwsManagesForAServiceAreNamedAfterTheirOwnerAndNeverToBeReleased() {
        aws.query("DescribeAddresses", addresses(
                """
                <item><publicIp>3.80.2.1</publicIp><allocationId>eipalloc-alb</allocationId><domain>vpc</domain>
                  <associationId>eipassoc-alb</associationId><networkInterfaceId>eni-alb</networkInterfaceId>
                  <serviceManaged>alb</serviceManaged></item>""",
                """
                <item><publicIp>3.80.2.2</publicIp><allocationId>eipalloc-rnat</allocationId><domain>vpc</domain>
                  <serviceManaged>rnat</serviceManaged></item>""",
                """
                <item><publicIp>3.80.2.3</publicIp><allocationId>eipalloc-rds</allocationId><domain>vpc</domain>
                  <associationId>eipassoc-rds</associationId><networkInterfaceId>eni-elsewhere</networkInterfaceId>
                  <serviceManaged>rds</serviceManaged></item>"""));
        aws.query("DescribeNetworkInterfaces", interfacesPage(null,
                eni("eni-alb", "vpc-1", "subnet-a", "sg-web", "ELB app/cruddur/50dc6c495c0c9188", "amazon-elb",
                        "interface", "", "3.80.2.1", "eipalloc-alb")));
        aws.query("DescribeNatGateways", natGateways());

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lineOf(run.out(), "3.80.2.1")).contains("managed by AWS for an Application Load Balancer",
                "app/cruddur/50dc6c495c0c9188");
        assertThat(lineOf(run.out(), "3.80.2.2")).contains("managed by AWS for a regional NAT gateway");
        assertThat(lineOf(run.out(), "3.80.2.3")).contains("managed by AWS for RDS");
        for (String ip : new String[] {"3.80.2.1", "3.80.2.2", "3.80.2.3"}) {
            assertThat(lineOf(run.out(), ip)).doesNotContain("release-address").contains("you cannot release it");
        }
        assertThat(run.out()).contains("3 public IPv4 addresses in us-east-1");
    }

    @Test
    void anAssociatedElasticIpWhoseInterfaceIsNotListedIsInUseNotUnattached() {
        aws.query("DescribeAddresses", addresses("""
                <item><publicIp>198.51.100.9</publicIp><allocationId>eipalloc-shared</allocationId><domain>vpc</domain>
                  <associationId>eipassoc-shared</associationId><networkInterfaceId>eni-other-account</networkInterfaceId>
                  <networkInterfaceOwnerId>210987654321</networkInterfaceOwnerId><privateIpAddress>10.9.0.4</privateIpAddress></item>"""));
        aws.query("DescribeNetworkInterfaces", interfacesPage(null));
        aws.query("DescribeNatGateways", natGateways());

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        String line = lineOf(run.out(), "198.51.100.9");
        assertThat(line).contains("network interface eni-other-account of account 210987654321", "in use");
        assertThat(line).doesNotContain("not attached").doesNotContain("release it (");
    }

    @Test
    void allRegionsAsksEveryEnabledRegionAndAddsThemUp() {
        aws.query("DescribeRegions", Ec2Xml.list("DescribeRegions", "regionInfo", """
                <item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint>
                  <optInStatus>opt-in-not-required</optInStatus></item>""", """
                <item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint>
                  <optInStatus>opt-in-not-required</optInStatus></item>"""));
        regional("us-east-1", "DescribeAddresses", addresses("""
                <item><publicIp>198.51.100.7</publicIp><allocationId>eipalloc-idle</allocationId><domain>vpc</domain></item>"""));
        regional("eu-west-1", "DescribeAddresses", addresses("""
                <item><publicIp>203.0.113.5</publicIp><allocationId>eipalloc-eu</allocationId><domain>vpc</domain></item>"""));
        regional("us-east-1", "DescribeNetworkInterfaces", interfacesPage(null));
        regional("eu-west-1", "DescribeNetworkInterfaces", interfacesPage(null));
        regional("us-east-1", "DescribeNatGateways", natGateways());
        regional("eu-west-1", "DescribeNatGateways", natGateways());

        OpsRun run = OpsRun.of(aws.with("cost", "ipv4", "--all-regions"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lineOf(run.out(), "198.51.100.7")).startsWith("us-east-1");
        assertThat(lineOf(run.out(), "203.0.113.5")).startsWith("eu-west-1");
        assertThat(run.out()).contains("2 public IPv4 addresses in 2 regions at $0.005/hour each: $0.010/hour, $7.30/month");
        assertThat(aws.queryRequests("DescribeRegions")).hasSize(1);
        assertThat(aws.queryRequests("DescribeRegions").get(0).formParameters().get("AllRegions")).isNull();
        assertThat(aws.queryRequests("DescribeAddresses")).extracting(r -> r.getHeader("Authorization"))
                .anyMatch(auth -> auth.contains("/eu-west-1/ec2/aws4_request"))
                .anyMatch(auth -> auth.contains("/us-east-1/ec2/aws4_request"));
    }

    /** Answers {@code action} only when SigV4 signed it for {@code region} (one stand-in for every region). */
    private void regional(String region, String action, String xml) {
        aws.stubFor(post(urlPathEqualTo("/")).withFormParam("Action", equalTo(action))
                .withHeader("Authorization", containing("/" + region + "/ec2/aws4_request"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(xml)));
    }

    private static String natGateways(String... items) {
        return Ec2Xml.list("DescribeNatGateways", "natGatewaySet", items);
    }

    private static String natGateway(String id, String connectivity, String state, String eni, String publicIp,
                                     String allocationId) {
        String publicPart = publicIp == null ? "" : "<publicIp>%s</publicIp><allocationId>%s</allocationId>"
                .formatted(publicIp, allocationId);
        return """
                <item><natGatewayId>%s</natGatewayId><vpcId>vpc-1</vpcId><subnetId>subnet-a</subnetId>
                  <state>%s</state><connectivityType>%s</connectivityType>
                  <natGatewayAddressSet><item><networkInterfaceId>%s</networkInterfaceId><privateIp>10.0.0.9</privateIp>
                    %s<isPrimary>true</isPrimary><status>succeeded</status></item></natGatewayAddressSet>
                </item>""".formatted(id, state, connectivity, eni, publicPart);
    }

    private static String lineOf(String text, String containing) {
        return text.lines().filter(line -> line.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + containing + " in\n" + text));
    }

    private static String addresses(String... items) {
        return Ec2Xml.list("DescribeAddresses", "addressesSet", items);
    }

    private static String interfacesPage(String nextToken, String... items) {
        return Ec2Xml.page("DescribeNetworkInterfaces", "networkInterfaceSet", nextToken, items);
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
        return RdsXml.page("DescribeDBInstances", "DBInstances", null, instances);
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
