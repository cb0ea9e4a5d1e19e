package dev.cruddur.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.ops.rds.RdsXml;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --output json} promises scripts one JSON document on standard output, whatever path a
 * command takes (dry run, nothing to do, not waiting); advice goes to standard error.
 */
class JsonOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> MARKED = Map.of("cruddur:keep-stopped", "true");

    @RegisterExtension
    final AwsStub aws = new AwsStub();

    @Test
    void rdsStartDryRunAndNoWait() throws Exception {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("stopped")));
        aws.query("StartDBInstance", RdsXml.result("StartDBInstance", RdsXml.instance("starting")));

        assertThat(json("rds", "start", "--dry-run").get("change").asText()).isEqualTo("would start (dry run)");
        JsonNode started = json("rds", "start", "--no-wait");
        assertThat(started.get("change").asText()).isEqualTo("start requested");
        assertThat(started.get("state").asText()).isEqualTo("starting");
    }

    @Test
    void rdsStopAlreadyStoppedAndDryRun() throws Exception {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("stopped")));
        assertThat(json("rds", "stop").get("change").asText()).isEqualTo("already stopped");

        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));
        assertThat(json("rds", "stop", "--dry-run").get("change").asText()).isEqualTo("would stop (dry run)");
    }

    @Test
    void rdsDeleteMissingAndDryRun() throws Exception {
        aws.query("DescribeDBInstances", RdsXml.notFound(RdsXml.ID));
        assertThat(json("rds", "delete", "--yes").get("change").asText()).isEqualTo("nothing to delete");

        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));
        JsonNode dryRun = json("rds", "delete", "--dry-run");
        assertThat(dryRun.get("change").asText()).isEqualTo("would delete (dry run)");
        assertThat(dryRun.get("final_snapshot").asText()).startsWith("cruddur-db-instance-final-");
    }

    @Test
    void rdsPublicAccessAlreadyAsWanted() throws Exception {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));
        assertThat(json("rds", "public-access", "off").get("change").asText()).isEqualTo("public access already off");
    }

    @Test
    void rdsCreateDryRun() throws Exception {
        aws.query("DescribeDBInstances", RdsXml.notFound(RdsXml.ID));
        aws.query("DescribeOrderableDBInstanceOptions", RdsXml.orderableOptions(null,
                RdsXml.orderable("db.t3.micro", "16.3", "gp2", "us-east-1a")));
        aws.query("DescribeVpcs", Ec2Xml.vpcs("vpc-0def1234", true));
        aws.query("DescribeSecurityGroups", Ec2Xml.securityGroups());
        assertThat(json("rds", "create", "--engine-version", "16.3", "--dry-run").get("change").asText())
                .isEqualTo("would create (dry run)");
    }

    @Test
    void keepStoppedMarkAndNothingTagged() throws Exception {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("stopped").withTags(MARKED)));
        assertThat(json("rds", "keep-stopped", "--mark").get("change").asText()).isEqualTo("already tagged");

        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));
        assertThat(json("rds", "keep-stopped")).isEmpty();
    }

    @Test
    void allowMyIpRevokeWithNothingToRevoke() throws Exception {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));
        aws.query("DescribeSecurityGroups", Ec2Xml.securityGroups(
                Ec2Xml.securityGroup("sg-0aaa1111", "rds-cruddur-db-instance", "vpc-0a", Map.of())));
        aws.query("DescribeSecurityGroupRules", Ec2Xml.list("DescribeSecurityGroupRules", "securityGroupRuleSet"));
        assertThat(json("network", "allow-my-ip", "--revoke", "--operator", "ops").get("change").asText())
                .isEqualTo("nothing to revoke");
    }

    @Test
    void budgetDryRun() throws Exception {
        aws.callerIs("arn:aws:iam::123456789012:user/ops");
        aws.jsonError("DescribeBudget", 400, "NotFoundException", "the budget doesn't exist.");
        assertThat(json("cost", "budget", "--zero-spend", "--email", "ops@example.com", "--dry-run")
                .get("status").asText()).isEqualTo("would create (dry run)");
    }

    /** Runs the command with --output json: exit 0, and standard output is one JSON document. */
    private JsonNode json(String... args) throws Exception {
        OpsRun run = OpsRun.of(Stream.concat(Stream.of(aws.with(args)), Stream.of("--output", "json"))
                .toArray(String[]::new));
        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).as("stdout of %s (stderr: %s)", String.join(" ", args), run.err()).isNotBlank();
        return JSON.readTree(run.out());
    }
}
