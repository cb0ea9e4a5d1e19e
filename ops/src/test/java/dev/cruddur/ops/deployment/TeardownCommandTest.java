package dev.cruddur.ops.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.cruddur.ops.deployment.Deployment.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.AwsStub.Answer;
import dev.cruddur.ops.OpsRun;
import dev.cruddur.ops.rds.RdsXml;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TeardownCommandTest {

    @RegisterExtension
    final AwsStub aws = new AwsStub();
    private final Deployment deployment = new Deployment(aws);

    @Test
    void withoutYesItPlansAndSendsNothingThatChangesAnything() {
        deployment.everything();

        OpsRun run = OpsRun.of(aws.with("aws", "teardown", "--user-pool-id", Deployment.POOL_ID));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(Deployment.mutating(aws)).isEmpty();
        assertThat(run.out()).contains("The plan (a dry run: nothing that changes anything is sent; `--yes` does it):");
        assertThat(run.out().replaceAll(" {2,}", " ")).containsSubsequence(
                "1 detach triggers us-east-1_AbCdEf123 PreSignUp -> cruddur-PreSignUp, PostConfirmation -> cruddur-PostConfirmation",
                "2 remove invoke permission cruddur-PreSignUp cruddur-cognito-pre-sign-up",
                "3 remove invoke permission cruddur-PostConfirmation cruddur-cognito-post-confirmation",
                "4 delete role policy cruddur-lambda cruddur-PreSignUp-database-secret",
                "6 delete log group /aws/lambda/cruddur-PreSignUp",
                "8 delete function cruddur-PreSignUp",
                "10 revoke operator rule sg-0aaa1111 sgr-0alice (203.0.113.7/32 on tcp 5432",
                "11 delete budget My Zero-Spend Budget",
                "12 delete instance cruddur-db-instance final snapshot cruddur-db-instance-final-",
                "13 delete security group sg-0aaa1111 rds-cruddur-db-instance");
        // someone else's function is no part of it (its trigger is sent back as it was), nor is the hand-made rule
        assertThat(run.out().replaceAll(" {2,}", " ")).doesNotContain("function someone-elses", "sgr-0https");
        assertThat(run.out()).contains("dry run, not sent: lambda DeleteFunctionRequest(FunctionName=cruddur-PreSignUp)");
        assertThat(run.out()).contains("would be taken when the instance is deleted", "Still charged: at most $1.90 a month",
                "per GB-month");
        assertThat(run.out()).contains("Nothing was changed. Run `cruddur aws teardown --user-pool-id us-east-1_AbCdEf123 --yes` to do it.");
    }

    @Test
    void aDryRunInJsonIsOneDocumentWithThePlanAsItsSteps() throws Exception {
        deployment.everything();

        OpsRun run = OpsRun.of(aws.with("aws", "teardown", "--user-pool-id", Deployment.POOL_ID, "--output", "json"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out().strip()).startsWith("{").endsWith("}");
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.fieldNames()).toIterable().containsExactly("dry_run", "steps", "left", "usd_per_month_left", "next");
        assertThat(result.get("dry_run").asBoolean()).isTrue();
        assertThat(result.get("steps")).hasSize(13);
        assertThat(result.get("steps").get(0).get("action").asText()).isEqualTo("detach triggers");
        assertThat(result.get("steps").findValuesAsText("outcome")).containsOnly("dry run, not sent");
        assertThat(result.get("next").asText()).contains("--yes");
        assertThat(run.err()).contains("dry run, not sent: lambda DeleteFunctionRequest");
        assertThat(Deployment.mutating(aws)).isEmpty();
    }

    @Test
    void withYesItDeletesEverythingInOrder() throws Exception {
        deployment.everything();
        deployment.deletionsSucceed();
        // found for the plan, deleting while the group waits, then gone
        aws.inTurn("DescribeDBInstances", Answer.ok(RdsXml.describe(RdsXml.instance("available"))),
                Answer.ok(RdsXml.describe(RdsXml.instance("deleting"))), RdsXml.notFound(RdsXml.ID));

        OpsRun run = OpsRun.of(aws.with("aws", "teardown", "--user-pool-id", Deployment.POOL_ID, "--yes",
                "--poll-interval", "0s"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        String fn = "/2015-03-31/functions/";
        assertThat(Deployment.mutating(aws)).containsExactly(
                "UpdateUserPool",
                "DELETE " + fn + "cruddur-PreSignUp/policy/cruddur-cognito-pre-sign-up",
                "DELETE " + fn + "cruddur-PostConfirmation/policy/cruddur-cognito-post-confirmation",
                "DeleteRolePolicy", "DeleteRolePolicy",
                "DeleteLogGroup", "DeleteLogGroup",
                "DELETE " + fn + "cruddur-PreSignUp", "DELETE " + fn + "cruddur-PostConfirmation",
                "RevokeSecurityGroupIngress",
                "DeleteBudget",
                "DeleteDBInstance",
                "DeleteSecurityGroup");

        // only the Cruddur triggers are gone from the pool; everything else is sent back as it was
        JsonNode update = JSON.readTree(aws.jsonRequests("UpdateUserPool").get(0).getBodyAsString());
        assertThat(update.get("LambdaConfig").fieldNames()).toIterable().containsExactly("CustomMessage");
        assertThat(update.get("DeletionProtection").asText()).isEqualTo("ACTIVE");
        assertThat(update.get("AutoVerifiedAttributes").get(0).asText()).isEqualTo("email");

        assertThat(form(aws.queryRequests("RevokeSecurityGroupIngress").get(0)))
                .containsEntry("GroupId", Deployment.SG).containsEntry("SecurityGroupRuleId.1", "sgr-0alice");
        assertThat(form(aws.queryRequests("DeleteRolePolicy").get(0)))
                .containsEntry("RoleName", "cruddur-lambda").containsEntry("PolicyName", "cruddur-PreSignUp-database-secret");
        assertThat(JSON.readTree(aws.jsonRequests("DeleteLogGroup").get(0).getBodyAsString()).get("logGroupName").asText())
                .isEqualTo("/aws/lambda/cruddur-PreSignUp");
        assertThat(JSON.readTree(aws.jsonRequests("DeleteBudget").get(0).getBodyAsString()).get("AccountId").asText())
                .isEqualTo("123456789012");
        Map<String, String> deleted = form(aws.queryRequests("DeleteDBInstance").get(0));
        assertThat(deleted).containsEntry("DBInstanceIdentifier", RdsXml.ID).containsEntry("SkipFinalSnapshot", "false");
        assertThat(deleted.get("FinalDBSnapshotIdentifier")).matches("cruddur-db-instance-final-\\d{8}-\\d{6}");
        assertThat(form(aws.queryRequests("DeleteSecurityGroup").get(0))).containsEntry("GroupId", Deployment.SG);

        assertThat(run.err()).contains("1. detach triggers us-east-1_AbCdEf123: done", "cruddur-db-instance: gone");
        assertThat(run.out()).contains("being taken as the instance is deleted", "Cognito user pool", "IAM role",
                "aws iam delete-role --role-name cruddur-lambda", "Still charged: at most $1.90 a month");
        assertThat(run.out()).doesNotContain("Not finished");
    }

    @Test
    void aSecondRunFindsNothingToDoAndSaysWhatIsLeft() throws Exception {
        aws.callerIs(Deployment.ALICE);
        deployment.pool(false);
        deployment.functions();
        deployment.logGroups();
        aws.query("DescribeDBInstances", RdsXml.notFound(RdsXml.ID));
        deployment.ownGroup(false);
        deployment.budget(false);
        deployment.snapshots("cruddur-db-instance-final-20250601-180000");

        OpsRun run = OpsRun.of(aws.with("aws", "teardown", "--user-pool-id", Deployment.POOL_ID, "--yes", "--output", "json"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(Deployment.mutating(aws)).isEmpty();
        assertThat(run.err()).contains("Nothing to tear down");
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("dry_run").asBoolean()).isFalse();
        assertThat(result.get("steps")).isEmpty();
        assertThat(result.get("left").findValuesAsText("name")).contains("cruddur-db-instance-final-20250601-180000");
        assertThat(result.get("usd_per_month_left").decimalValue()).isEqualByComparingTo("1.90");
        assertThat(result.get("next").isNull()).isTrue();
        assertThat(form(aws.queryRequests("DescribeDBSnapshots").get(0)))
                .containsEntry("DBInstanceIdentifier", RdsXml.ID).containsEntry("SnapshotType", "manual");
    }

    @Test
    void anInstanceStillDeletingLeavesItsGroupForTheNextRun() {
        aws.callerIs(Deployment.ALICE);
        deployment.functions();
        deployment.logGroups();
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("deleting")));
        deployment.ownGroup(true);
        deployment.rules();
        deployment.budget(true);
        deployment.snapshots();
        // gone between the plan and the deletion: Budgets says so as its model does
        aws.jsonError("DeleteBudget", 400, "NotFoundException",
                "Unable to delete budget: My Zero-Spend Budget - the budget doesn't exist.");

        OpsRun run = OpsRun.of(aws.with("aws", "teardown", "--yes", "--no-wait"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(Deployment.mutating(aws)).containsExactly("DeleteBudget");
        assertThat(run.out()).contains("cruddur-db-instance is already being deleted.");
        assertThat(run.out()).contains("delete budget", "already gone");
        assertThat(run.out()).contains("waiting: cruddur-db-instance is still deleting; run `cruddur aws teardown --yes` again"
                + " once it is gone");
        assertThat(run.out()).contains("Not finished: run `cruddur aws teardown --yes` again in a few minutes.");
    }

    @Test
    void whatIsAlreadyGoneWhenItsTurnComesIsNoFailure() {
        deployment.everything();
        deployment.deletionsSucceed();
        aws.inTurn("DescribeDBInstances", Answer.ok(RdsXml.describe(RdsXml.instance("available"))),
                RdsXml.notFound(RdsXml.ID));
        // each service's own not-found answer, as its model names it
        aws.stubFor(delete(urlPathMatching("/2015-03-31/functions/[^/]+")).willReturn(Deployment.notFound("x")));
        aws.jsonError("DeleteLogGroup", 400, "ResourceNotFoundException", "The specified log group does not exist.");
        aws.query("DeleteRolePolicy", Answer.queryError(404, "NoSuchEntity", "The role policy with name x cannot be found."));
        aws.query("DeleteDBInstance", RdsXml.notFound(RdsXml.ID));
        aws.query("RevokeSecurityGroupIngress", Answer.ec2Error(400, "InvalidSecurityGroupRuleId.NotFound",
                "The security group rule ID 'sgr-0alice' does not exist"));
        aws.query("DeleteSecurityGroup",
                Answer.ec2Error(400, "InvalidGroup.NotFound", "The security group 'sg-0aaa1111' does not exist"));

        OpsRun run = OpsRun.of(aws.with("aws", "teardown", "--user-pool-id", Deployment.POOL_ID, "--yes",
                "--poll-interval", "0s"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.err()).contains("delete function cruddur-PreSignUp: already gone",
                "delete log group /aws/lambda/cruddur-PreSignUp: already gone",
                "delete role policy cruddur-lambda: already gone", "revoke operator rule sg-0aaa1111: already gone",
                "delete instance cruddur-db-instance: already gone", "delete security group sg-0aaa1111: already gone");
    }

    @Test
    void refusesNothingButActsOnlyWithYes() {
        deployment.everything();

        OpsRun run = OpsRun.of(aws.with("aws", "teardown", "--user-pool-id", Deployment.POOL_ID, "--yes", "--dry-run"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        // --dry-run wins, as on every command
        assertThat(Deployment.mutating(aws)).isEmpty();
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> values = new TreeMap<>();
        request.formParameters().forEach((name, parameter) -> values.put(name, parameter.firstValue()));
        return values;
    }
}
