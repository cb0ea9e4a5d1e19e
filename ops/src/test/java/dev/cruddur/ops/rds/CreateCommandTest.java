package dev.cruddur.ops.rds;

import static dev.cruddur.ops.AwsStub.Answer.ok;
import static dev.cruddur.ops.rds.RdsXml.notFound;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cruddur.ops.AwsStub.Answer;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.Ec2Xml;
import dev.cruddur.ops.OpsRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CreateCommandTest {

    private static final String DEFAULT_VPC = "vpc-0def1234";
    private static final String OWN_GROUP = "sg-0own5678";

    @RegisterExtension
    final AwsStub aws = new AwsStub();

    /**
     * What the region offers unless a test says otherwise: the defaults go together in two zones,
     * there is a default VPC, and the instance's own security group exists in it.
     */
    @BeforeEach
    void rdsOffersTheDefaults() {
        aws.query("DescribeOrderableDBInstanceOptions", RdsXml.orderableOptions(null,
                RdsXml.orderable("db.t3.micro", "15.7", "gp2", "us-east-1a", "us-east-1b"),
                RdsXml.orderable("db.t3.micro", "16.3", "gp2", "us-east-1a", "us-east-1b"),
                RdsXml.orderable("db.t3.micro", "16.3", "gp3", "us-east-1a", "us-east-1b"),
                RdsXml.orderable("db.t3.micro", "16.4", "gp2", "us-east-1a", "us-east-1b"),
                RdsXml.orderable("db.t3.micro", "16.10", "gp2", "us-east-1a", "us-east-1b")));
        aws.query("DescribeDBEngineVersions", RdsXml.engineVersions("16.3", "16.10"));
        aws.query("DescribeVpcs", Ec2Xml.vpcs(DEFAULT_VPC, true));
        aws.query("DescribeSecurityGroups", Ec2Xml.securityGroups(Ec2Xml.securityGroup(OWN_GROUP, "rds-cruddur-db-instance",
                DEFAULT_VPC, Map.of("cruddur:managed-by", "cruddur", "cruddur:db-instance", RdsXml.ID))));
    }

    @Test
    void createsTheSeedsInstanceWithAManagedPasswordAndWaitsUntilItIsAvailable() {
        aws.query("DescribeDBEngineVersions", RdsXml.engineVersions("15.7", "16.3", "16.10", "17.2"));
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))),
                ok(RdsXml.describe(RdsXml.instance("creating"))), ok(RdsXml.describe(RdsXml.instance("backing-up"))),
                ok(RdsXml.describe(RdsXml.instance("available"))));
        aws.query("CreateDBInstance", RdsXml.result("CreateDBInstance", RdsXml.instance("creating")));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--poll-interval", "0s"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        List<LoggedRequest> creates = aws.queryRequests("CreateDBInstance");
        assertThat(creates).hasSize(1);
        Map<String, String> sent = form(creates.get(0));
        assertThat(sent).containsAllEntriesOf(Map.ofEntries(
                Map.entry("DBInstanceIdentifier", "cruddur-db-instance"),
                Map.entry("DBInstanceClass", "db.t3.micro"),
                Map.entry("Engine", "postgres"),
                Map.entry("EngineVersion", "16.10"),
                Map.entry("AllocatedStorage", "20"),
                Map.entry("StorageType", "gp2"),
                Map.entry("Port", "5432"),
                Map.entry("DBName", "cruddur"),
                Map.entry("MasterUsername", "cruddurroot"),
                Map.entry("ManageMasterUserPassword", "true"),
                Map.entry("MultiAZ", "false"),
                Map.entry("PubliclyAccessible", "false"),
                Map.entry("StorageEncrypted", "true"),
                Map.entry("EnablePerformanceInsights", "false"),
                Map.entry("DeletionProtection", "false"),
                Map.entry("BackupRetentionPeriod", "0"),
                Map.entry("Tags.Tag.1.Key", "cruddur:managed-by"),
                Map.entry("Tags.Tag.1.Value", "cruddur"),
                Map.entry("VpcSecurityGroupIds.VpcSecurityGroupId.1", OWN_GROUP)));
        assertThat(sent).doesNotContainKeys("MasterUserPassword", "AvailabilityZone", "Tags.Tag.2.Key",
                "VpcSecurityGroupIds.VpcSecurityGroupId.2");
        // Waiting: a line per change of state, not per poll.
        assertThat(run.err()).containsSubsequence("cruddur-db-instance: creating", "cruddur-db-instance: backing-up",
                "cruddur-db-instance: available");
        assertThat(run.err().lines().filter(line -> line.contains(": creating"))).hasSize(1);
        assertThat(run.out()).contains("Creating DB instance cruddur-db-instance (PostgreSQL 16.10, db.t3.micro, 20 GiB gp2, private)",
                RdsXml.HOST + ":5432", RdsXml.SECRET_ARN,
                "cruddur rds public-access on", "cruddur network allow-my-ip", "aws secretsmanager get-secret-value --secret-id '"
                        + RdsXml.SECRET_ARN + "'", "sslmode=require", "cruddur db migrate");
        assertThat(aws.queryRequests("DescribeDBInstances")).hasSize(5);
    }

    @Test
    void everyValueCanBeOverriddenAndPublicAccessIsOnlyOnRequest() {
        aws.query("DescribeOrderableDBInstanceOptions", RdsXml.orderableOptions(null,
                RdsXml.orderable("db.t4g.micro", "16.3", "gp3", "us-east-1a", "us-east-1c")));
        aws.inTurn("DescribeDBInstances", notFound("db2"), ok(RdsXml.describe(RdsXml.instance("creating").withId("db2"))));
        aws.query("CreateDBInstance", RdsXml.result("CreateDBInstance", RdsXml.instance("creating").withId("db2")));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--db-instance-identifier", "db2", "--no-wait",
                "--instance-class", "db.t4g.micro", "--engine-version", "16.3", "--allocated-storage", "30",
                "--storage-type", "gp3", "--port", "5433", "--db-name", "crud", "--master-username", "ops",
                "--availability-zone", "us-east-1a", "--vpc-security-group-ids", "sg-1,sg-2",
                "--db-subnet-group-name", "private", "--public", "--backup-retention-period", "7",
                "--tag", "team=cruddur", "--keep-stopped"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        Map<String, String> sent = form(aws.queryRequests("CreateDBInstance").get(0));
        assertThat(sent).containsAllEntriesOf(Map.ofEntries(
                Map.entry("DBInstanceIdentifier", "db2"),
                Map.entry("DBInstanceClass", "db.t4g.micro"),
                Map.entry("EngineVersion", "16.3"),
                Map.entry("AllocatedStorage", "30"),
                Map.entry("StorageType", "gp3"),
                Map.entry("Port", "5433"),
                Map.entry("DBName", "crud"),
                Map.entry("MasterUsername", "ops"),
                Map.entry("AvailabilityZone", "us-east-1a"),
                Map.entry("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-1"),
                Map.entry("VpcSecurityGroupIds.VpcSecurityGroupId.2", "sg-2"),
                Map.entry("DBSubnetGroupName", "private"),
                Map.entry("PubliclyAccessible", "true"),
                Map.entry("BackupRetentionPeriod", "7"),
                Map.entry("Tags.Tag.2.Key", "cruddur:keep-stopped"),
                Map.entry("Tags.Tag.2.Value", "true"),
                Map.entry("Tags.Tag.3.Key", "team"),
                Map.entry("Tags.Tag.3.Value", "cruddur"),
                Map.entry("ManageMasterUserPassword", "true")));
        // --engine-version given: no need to ask which versions exist; --no-wait: no polling.
        assertThat(aws.queryRequests("DescribeDBEngineVersions")).isEmpty();
        // --vpc-security-group-ids given: those groups and no other.
        assertThat(aws.queryRequests("CreateSecurityGroup")).isEmpty();
        assertThat(aws.queryRequests("DescribeSecurityGroups")).isEmpty();
        assertThat(aws.queryRequests("DescribeDBInstances")).hasSize(1);
        assertThat(run.out()).contains("public", "cruddur rds status --db-instance-identifier db2");
    }

    @Test
    void withoutSecurityGroupsTheInstanceGetsATaggedGroupOfItsOwn() {
        aws.query("DescribeSecurityGroups", Ec2Xml.securityGroups());
        aws.query("CreateSecurityGroup", Ec2Xml.createdSecurityGroup("sg-0new9999", Map.of("Name", "rds-cruddur-db-instance")));
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))));
        aws.query("CreateDBInstance", RdsXml.result("CreateDBInstance", RdsXml.instance("creating")));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--no-wait", "--tag", "team=cruddur"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("DescribeVpcs").get(0)))
                .containsEntry("Filter.1.Name", "is-default").containsEntry("Filter.1.Value.1", "true");
        assertThat(form(aws.queryRequests("DescribeSecurityGroups").get(0)))
                .containsEntry("Filter.1.Name", "vpc-id").containsEntry("Filter.1.Value.1", DEFAULT_VPC)
                .containsEntry("Filter.2.Name", "group-name").containsEntry("Filter.2.Value.1", "rds-cruddur-db-instance");
        Map<String, String> group = form(aws.queryRequests("CreateSecurityGroup").get(0));
        assertThat(group).containsAllEntriesOf(Map.ofEntries(
                Map.entry("GroupName", "rds-cruddur-db-instance"),
                Map.entry("GroupDescription", "cruddur: who may reach the database cruddur-db-instance"),
                Map.entry("VpcId", DEFAULT_VPC),
                Map.entry("TagSpecification.1.ResourceType", "security-group"),
                Map.entry("TagSpecification.1.Tag.1.Key", "Name"),
                Map.entry("TagSpecification.1.Tag.1.Value", "rds-cruddur-db-instance"),
                Map.entry("TagSpecification.1.Tag.2.Key", "cruddur:managed-by"),
                Map.entry("TagSpecification.1.Tag.2.Value", "cruddur"),
                Map.entry("TagSpecification.1.Tag.3.Key", "cruddur:db-instance"),
                Map.entry("TagSpecification.1.Tag.3.Value", RdsXml.ID),
                Map.entry("TagSpecification.1.Tag.4.Key", "team"),
                Map.entry("TagSpecification.1.Tag.4.Value", "cruddur")));
        assertThat(form(aws.queryRequests("CreateDBInstance").get(0)))
                .containsEntry("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0new9999")
                .doesNotContainKey("VpcSecurityGroupIds.VpcSecurityGroupId.2");
        assertThat(actions()).containsSubsequence("CreateSecurityGroup", "CreateDBInstance");
        assertThat(run.out()).contains("Created security group sg-0new9999 (rds-cruddur-db-instance) in " + DEFAULT_VPC,
                "cruddur network allow-my-ip");
    }

    @Test
    void theGroupOfItsOwnIsFoundAgainNotCreatedTwice() {
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))));
        aws.query("CreateDBInstance", RdsXml.result("CreateDBInstance", RdsXml.instance("creating")));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--no-wait"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.queryRequests("CreateSecurityGroup")).isEmpty();
        assertThat(form(aws.queryRequests("CreateDBInstance").get(0))).containsEntry("VpcSecurityGroupIds.VpcSecurityGroupId.1", OWN_GROUP);
        assertThat(run.out()).contains("Using security group " + OWN_GROUP + " (rds-cruddur-db-instance)");
    }

    @Test
    void aGroupSomeoneCreatedMeanwhileIsUsed() {
        aws.inTurn("DescribeSecurityGroups", ok(Ec2Xml.securityGroups()), ok(Ec2Xml.securityGroups(
                Ec2Xml.securityGroup("sg-0race", "rds-cruddur-db-instance", DEFAULT_VPC, Map.of()))));
        aws.query("CreateSecurityGroup", Answer.ec2Error(400, "InvalidGroup.Duplicate",
                "The security group 'rds-cruddur-db-instance' already exists for VPC '" + DEFAULT_VPC + "'"));
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))));
        aws.query("CreateDBInstance", RdsXml.result("CreateDBInstance", RdsXml.instance("creating")));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--no-wait"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("CreateDBInstance").get(0))).containsEntry("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0race");
    }

    @Test
    void withASubnetGroupTheGroupIsLookedForInThatVpc() {
        aws.query("DescribeDBSubnetGroups", RdsXml.page("DescribeDBSubnetGroups", "DBSubnetGroups", null, """
                <DBSubnetGroup>
                  <DBSubnetGroupName>private</DBSubnetGroupName><DBSubnetGroupDescription>private subnets</DBSubnetGroupDescription>
                  <VpcId>vpc-0priv</VpcId><SubnetGroupStatus>Complete</SubnetGroupStatus>
                  <Subnets><Subnet><SubnetIdentifier>subnet-0a</SubnetIdentifier>
                    <SubnetAvailabilityZone><Name>us-east-1a</Name></SubnetAvailabilityZone><SubnetStatus>Active</SubnetStatus></Subnet></Subnets>
                  <DBSubnetGroupArn>arn:aws:rds:us-east-1:123456789012:subgrp:private</DBSubnetGroupArn>
                  <SupportedNetworkTypes><member>IPV4</member></SupportedNetworkTypes>
                </DBSubnetGroup>"""));
        aws.query("DescribeSecurityGroups", Ec2Xml.securityGroups());
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--db-subnet-group-name", "private", "--dry-run"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("DescribeDBSubnetGroups").get(0))).containsEntry("DBSubnetGroupName", "private");
        assertThat(form(aws.queryRequests("DescribeSecurityGroups").get(0))).containsEntry("Filter.1.Value.1", "vpc-0priv");
        assertThat(aws.queryRequests("DescribeVpcs")).isEmpty();
        assertThat(run.out()).contains("dry run, not sent: ec2 CreateSecurityGroupRequest(", "GroupName=rds-cruddur-db-instance",
                "VpcId=vpc-0priv", "dry run, not sent: rds CreateDbInstanceRequest(",
                "VpcSecurityGroupIds=[(the new group rds-cruddur-db-instance)]");
        assertThat(actions()).doesNotContain("CreateSecurityGroup", "CreateDBInstance");
    }

    @Test
    void withoutADefaultVpcItSaysWhatToGiveAndCreatesNothing() {
        aws.query("DescribeVpcs", Ec2Xml.vpcs(null, true));
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--engine-version", "16.3"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).contains("no default VPC in us-east-1", "--db-subnet-group-name",
                "aws ec2 create-default-vpc");
        assertThat(actions()).doesNotContain("CreateSecurityGroup", "CreateDBInstance");
    }

    @Test
    void anExistingInstanceIsReportedNotRecreated() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));

        OpsRun run = OpsRun.of(aws.with("rds", "create"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("DB instance cruddur-db-instance already exists (available); nothing was created.",
                RdsXml.HOST + ":5432", RdsXml.SECRET_ARN);
        assertThat(actions()).containsExactly("DescribeDBInstances");
    }

    @Test
    void anInstanceCreatedMeanwhileIsReportedToo() {
        aws.query("DescribeDBEngineVersions", RdsXml.engineVersions("16.3"));
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))));
        aws.query("CreateDBInstance", Answer.queryError(400, "DBInstanceAlreadyExists", "DB instance already exists"));

        OpsRun run = OpsRun.of(aws.with("rds", "create"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("already exists (creating); nothing was created.");
    }

    @Test
    void dryRunPrintsTheRequestAndSendsNothingThatChanges() {
        aws.query("DescribeDBEngineVersions", RdsXml.engineVersions("16.3", "16.4"));
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--dry-run"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("dry run, not sent: rds CreateDbInstanceRequest(", "EngineVersion=16.4",
                "ManageMasterUserPassword=true", "PubliclyAccessible=false");
        assertThat(run.printed()).doesNotContainPattern("(?<!Manage)MasterUserPassword=");
        assertThat(actions()).containsOnly("DescribeDBInstances", "DescribeDBEngineVersions", "DescribeOrderableDBInstanceOptions",
                "DescribeVpcs", "DescribeSecurityGroups");
    }

    @Test
    void theZoneVersionClassAndStorageAreCheckedTogetherBeforeAnythingIsCreated() {
        aws.query("DescribeOrderableDBInstanceOptions", RdsXml.orderableOptions("page-2",
                RdsXml.orderable("db.t3.micro", "16.3", "gp2", "us-east-1a", "us-east-1b")));
        aws.query("DescribeOrderableDBInstanceOptions", "Marker", "page-2", RdsXml.orderableOptions(null,
                RdsXml.orderable("db.t3.micro", "16.3", "gp3", "us-east-1a", "us-east-1b", "us-east-1c"),
                RdsXml.orderable("db.t3.micro", "16.3", "io1", "us-east-1a")));
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID));

        OpsRun zone = OpsRun.of(aws.with("rds", "create", "--engine-version", "16.3", "--availability-zone", "us-east-1c"));
        assertThat(zone.exitCode()).isEqualTo(1);
        assertThat(zone.err().strip()).hasLineCount(1).isEqualTo("cruddur: RDS offers db.t3.micro with PostgreSQL 16.3 on gp2"
                + " storage in us-east-1a, us-east-1b, not in us-east-1c (choose --availability-zone, or leave it out and RDS"
                + " chooses; `cruddur rds azs` lists the zones)");

        OpsRun storage = OpsRun.of(aws.with("rds", "create", "--engine-version", "16.3", "--storage-type", "standard"));
        assertThat(storage.exitCode()).isEqualTo(1);
        assertThat(storage.err()).contains("RDS offers db.t3.micro with PostgreSQL 16.3 on gp2, gp3, io1 storage, not standard"
                + " (choose --storage-type)");

        OpsRun version = OpsRun.of(aws.with("rds", "create", "--engine-version", "16.1"));
        assertThat(version.exitCode()).isEqualTo(1);
        assertThat(version.err()).contains("RDS offers no db.t3.micro for PostgreSQL 16.1 in us-east-1; it offers db.t3.micro"
                + " for 16.3 (choose --engine-version or --instance-class)");

        OpsRun size = OpsRun.of(aws.with("rds", "create", "--engine-version", "16.3", "--allocated-storage", "7000"));
        assertThat(size.exitCode()).isEqualTo(1);
        assertThat(size.err()).contains("--allocated-storage 7000 GiB is outside the 20 to 6144 GiB RDS allows for db.t3.micro"
                + " with PostgreSQL 16.3 on gp2");

        assertThat(aws.queryRequests("DescribeOrderableDBInstanceOptions")).allSatisfy(request -> assertThat(form(request))
                .containsEntry("Engine", "postgres").containsEntry("DBInstanceClass", "db.t3.micro").containsEntry("Vpc", "true"));
        assertThat(actions()).containsOnly("DescribeDBInstances", "DescribeOrderableDBInstanceOptions");
    }

    @Test
    void withoutAVersionTheNewestThatFitsTheClassStorageAndZoneIsChosen() {
        aws.query("DescribeDBEngineVersions", RdsXml.engineVersions("16.3", "16.4", "16.10"));
        aws.query("DescribeOrderableDBInstanceOptions", RdsXml.orderableOptions(null,
                RdsXml.orderable("db.t3.micro", "16.3", "gp2", "us-east-1a", "us-east-1b"),
                RdsXml.orderable("db.t3.micro", "16.4", "gp2", "us-east-1a"),
                RdsXml.orderable("db.t3.micro", "16.10", "gp3", "us-east-1a", "us-east-1b")));
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--availability-zone", "us-east-1b", "--dry-run"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("EngineVersion=16.3,", "AvailabilityZone=us-east-1b");

        OpsRun none = OpsRun.of(aws.with("rds", "create", "--storage-type", "io1"));
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("No PostgreSQL 16.x fits: RDS offers db.t3.micro with PostgreSQL 16.10 on gp3 storage,"
                + " not io1");
        assertThat(aws.queryRequests("CreateDBInstance")).isEmpty();
    }

    @Test
    void aRegionWithoutPostgres16SaysHowToChoose() {
        aws.query("DescribeDBEngineVersions", RdsXml.engineVersions("15.7", "17.2"));
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID));

        OpsRun run = OpsRun.of(aws.with("rds", "create"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("cruddur: RDS offers no PostgreSQL 16.x in us-east-1; choose a version with"
                + " --engine-version (see `cruddur rds engine-versions`)");
        assertThat(aws.queryRequests("CreateDBInstance")).isEmpty();
    }

    @Test
    void anAwsRefusalIsOneLine() {
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID));
        aws.query("CreateDBInstance",
                Answer.queryError(400, "InstanceQuotaExceeded", "You have reached the limit of DB instances."));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--engine-version", "16.3"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .isEqualTo("cruddur: Rds InstanceQuotaExceeded: You have reached the limit of DB instances.");
    }

    @Test
    void waitingGivesUpAfterTheTimeoutWithAdvice() {
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))));
        aws.query("CreateDBInstance", RdsXml.result("CreateDBInstance", RdsXml.instance("creating")));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--engine-version", "16.3", "--poll-interval", "10ms", "--timeout", "50ms"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cruddur: DB instance cruddur-db-instance is still creating after 50ms",
                "cruddur rds status");
    }

    @Test
    void anInstanceThatFailsStopsTheWaitAtOnceInsteadOfAtTheTimeout() {
        aws.inTurn("DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))),
                ok(RdsXml.describe(RdsXml.instance("incompatible-parameters"))));
        aws.query("CreateDBInstance", RdsXml.result("CreateDBInstance", RdsXml.instance("creating")));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--engine-version", "16.3", "--poll-interval", "10ms", "--timeout", "10m"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cruddur: DB instance cruddur-db-instance is incompatible-parameters",
                "it will not become available by waiting");
        // the first look-up, then one poll per state: no polling on until the timeout
        assertThat(aws.queryRequests("DescribeDBInstances")).hasSize(3);
    }

    @Test
    void nonsenseFlagsAreRefusedBeforeAnythingIsSent() {
        OpsRun run = OpsRun.of(aws.with("rds", "create", "--allocated-storage", "5"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--allocated-storage must be at least 20 GiB");
        assertThat(aws.allRequests()).isEmpty();
    }

    private List<String> actions() {
        return aws.allRequests().stream().map(request -> request.formParameters().get("Action").firstValue()).toList();
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> values = new java.util.TreeMap<>();
        request.formParameters().forEach((name, parameter) -> values.put(name, parameter.firstValue()));
        return values;
    }
}
