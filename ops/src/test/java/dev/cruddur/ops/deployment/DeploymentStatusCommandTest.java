package dev.cruddur.ops.deployment;

import static dev.cruddur.ops.deployment.Deployment.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.OpsRun;
import dev.cruddur.ops.rds.RdsXml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeploymentStatusCommandTest {

    @RegisterExtension
    final AwsStub aws = new AwsStub();
    private final Deployment deployment = new Deployment(aws);

    @AfterEach
    void readOnly() {
        // whatever it found, a status only ever describes, gets and lists
        assertThat(Deployment.mutating(aws)).isEmpty();
    }

    @Test
    void showsEveryPartOfTheDeploymentOnOneScreen() {
        deployment.everything();

        OpsRun run = OpsRun.of(aws.with("aws", "status", "--user-pool-id", Deployment.POOL_ID, "--ip", "203.0.113.7"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("== Database (us-east-1)", "STATE:", "available", "postgres 16.3",
                RdsXml.HOST + ":5432", "PUBLICLY ACCESSIBLE: yes");
        assertThat(run.out()).contains("== Your access to it", "alice@example.com", "203.0.113.7/32 on tcp 5432",
                "matches your IP");
        assertThat(run.out()).contains("== User pool", "cruddur-user-pool",
                "PreSignUp -> cruddur-PreSignUp, PostConfirmation -> cruddur-PostConfirmation");
        assertThat(run.out()).contains("== Functions", "cruddur-PostConfirmation  PostConfirmation", "Active", "Successful",
                "current: reads rds!db-3f1a at run time (last rotated 2024-06-01T00:00:00Z)");
        // a function that runs no Cruddur handler and no Cruddur trigger calls is not ours to show
        assertThat(run.out()).doesNotContain("someone-elses");
        assertThat(run.out()).contains("== Budget", "My Zero-Spend Budget", "LIMIT:", "1.00 USD", "0.42 USD", "0.90 USD");
        assertThat(run.out()).contains("== Public IPv4 addresses", "3.80.1.2", "$3.65", "1 address: $3.65 a month");
        // the secret is described, never read, and no password is ever printed
        assertThat(aws.jsonRequests("GetSecretValue")).isEmpty();
        assertThat(run.printed()).doesNotContain("password");
    }

    @Test
    void jsonHasEveryPartInAStableShape() throws Exception {
        deployment.everything();

        OpsRun run = OpsRun.of(aws.with("aws", "status", "--user-pool-id", Deployment.POOL_ID, "--ip", "203.0.113.7",
                "--output", "json"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        JsonNode status = JSON.readTree(run.out());
        assertThat(status.fieldNames()).toIterable().containsExactly("region", "database", "access", "user_pool", "functions",
                "budget", "public_ipv4");
        assertThat(status.at("/database/state").asText()).isEqualTo("available");
        assertThat(status.at("/database/keep_stopped").asBoolean()).isFalse();
        assertThat(status.at("/access/status").asText()).isEqualTo("matches your IP");
        assertThat(status.at("/access/security_group_id").asText()).isEqualTo(Deployment.SG);
        assertThat(status.at("/user_pool/triggers/0/function_arn").asText()).isEqualTo(Deployment.arn(Deployment.PRE));
        assertThat(status.at("/functions")).hasSize(2);
        assertThat(status.at("/functions/0/state").asText()).isEqualTo("Active");
        assertThat(status.at("/budget/actual_spend").asText()).isEqualTo("0.42 USD");
        assertThat(status.at("/public_ipv4/count").asInt()).isEqualTo(1);
        assertThat(status.at("/public_ipv4/usd_per_month").decimalValue()).isEqualByComparingTo("3.65");
    }

    @Test
    void anEmptyAccountIsReportedPartByPartNotAsAFailure() throws Exception {
        aws.callerIs(Deployment.ALICE);
        aws.query("DescribeDBInstances", RdsXml.notFound(RdsXml.ID));
        deployment.functions();
        deployment.budget(false);
        deployment.addresses(false);

        OpsRun run = OpsRun.of(aws.with("aws", "status", "--output", "json"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        JsonNode status = JSON.readTree(run.out());
        assertThat(status.at("/database/status").asText()).startsWith("not found");
        assertThat(status.at("/database/state").isNull()).isTrue();
        assertThat(status.at("/access/status").asText()).startsWith("not checked");
        assertThat(status.at("/user_pool/status").asText()).startsWith("not configured");
        assertThat(status.at("/functions")).isEmpty();
        assertThat(status.at("/budget/status").asText()).startsWith("not found");
        assertThat(status.at("/public_ipv4/count").asInt()).isZero();
    }

    @Test
    void saysWhatNeedsAttention() {
        deployment.everything();
        // the rule still lets in yesterday's address, and the pool's trigger calls a function that was deleted
        deployment.rules(Deployment.rule("sgr-0alice", "198.51.100.9/32", Deployment.OURS));
        deployment.functionGone(Deployment.PRE);

        OpsRun run = OpsRun.of(aws.with("aws", "status", "--user-pool-id", Deployment.POOL_ID, "--ip", "203.0.113.7"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("stale: it does not allow 203.0.113.7/32; `cruddur network allow-my-ip` points it there",
                "not found: the trigger calls a function that does not exist, so sign-ups fail");
    }
}
