package dev.cruddur.ops.rds;

import static dev.cruddur.ops.rds.Answers.inTurn;
import static dev.cruddur.ops.rds.Answers.notFound;
import static dev.cruddur.ops.rds.Answers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.OpsRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CreateCommandTest {

    private final AwsStub aws = new AwsStub();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void createsTheSeedsInstanceWithAManagedPasswordAndWaitsUntilItIsAvailable() {
        aws.query("DescribeDBEngineVersions", RdsXml.engineVersions("15.7", "16.3", "16.10", "17.2"));
        inTurn(aws, "DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))),
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
                Map.entry("Tags.Tag.1.Value", "cruddur")));
        assertThat(sent).doesNotContainKeys("MasterUserPassword", "AvailabilityZone", "Tags.Tag.2.Key");
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
        inTurn(aws, "DescribeDBInstances", notFound("db2"), ok(RdsXml.describe(RdsXml.instance("creating").withId("db2"))));
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
        assertThat(aws.queryRequests("DescribeDBInstances")).hasSize(1);
        assertThat(run.out()).contains("public", "cruddur rds status --db-instance-identifier db2");
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
        inTurn(aws, "DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))));
        aws.queryError("CreateDBInstance", 400, "DBInstanceAlreadyExists", "DB instance already exists");

        OpsRun run = OpsRun.of(aws.with("rds", "create"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("already exists (creating); nothing was created.");
    }

    @Test
    void dryRunPrintsTheRequestAndSendsNothingThatChanges() {
        aws.query("DescribeDBEngineVersions", RdsXml.engineVersions("16.3", "16.4"));
        inTurn(aws, "DescribeDBInstances", notFound(RdsXml.ID));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--dry-run"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("dry run, not sent: rds CreateDbInstanceRequest(", "EngineVersion=16.4",
                "ManageMasterUserPassword=true", "PubliclyAccessible=false");
        assertThat(run.printed()).doesNotContainPattern("(?<!Manage)MasterUserPassword=");
        assertThat(actions()).containsOnly("DescribeDBInstances", "DescribeDBEngineVersions");
    }

    @Test
    void aRegionWithoutPostgres16SaysHowToChoose() {
        aws.query("DescribeDBEngineVersions", RdsXml.engineVersions("15.7", "17.2"));
        inTurn(aws, "DescribeDBInstances", notFound(RdsXml.ID));

        OpsRun run = OpsRun.of(aws.with("rds", "create"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("cruddur: RDS offers no PostgreSQL 16.x in us-east-1; choose a version with"
                + " --engine-version (see `cruddur rds engine-versions`)");
        assertThat(aws.queryRequests("CreateDBInstance")).isEmpty();
    }

    @Test
    void anAwsRefusalIsOneLine() {
        inTurn(aws, "DescribeDBInstances", notFound(RdsXml.ID));
        aws.queryError("CreateDBInstance", 400, "InstanceQuotaExceeded", "You have reached the limit of DB instances.");

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--engine-version", "16.3"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .isEqualTo("cruddur: Rds InstanceQuotaExceeded: You have reached the limit of DB instances.");
    }

    @Test
    void waitingGivesUpAfterTheTimeoutWithAdvice() {
        inTurn(aws, "DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))));
        aws.query("CreateDBInstance", RdsXml.result("CreateDBInstance", RdsXml.instance("creating")));

        OpsRun run = OpsRun.of(aws.with("rds", "create", "--engine-version", "16.3", "--poll-interval", "10ms", "--timeout", "50ms"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cruddur: DB instance cruddur-db-instance is still creating after 50ms",
                "cruddur rds status");
    }

    @Test
    void anInstanceThatFailsStopsTheWaitAtOnceInsteadOfAtTheTimeout() {
        inTurn(aws, "DescribeDBInstances", notFound(RdsXml.ID), ok(RdsXml.describe(RdsXml.instance("creating"))),
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
