package dev.cruddur.ops.rds;

import static dev.cruddur.ops.AwsStub.Answer.ok;
import static dev.cruddur.ops.AwsStub.Answer.queryError;
import static dev.cruddur.ops.rds.CreateCommandTest.form;
import static dev.cruddur.ops.rds.RdsXml.AUTO_START;
import static dev.cruddur.ops.rds.RdsXml.MARKED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.OpsRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KeepStoppedCommandTest {

    @RegisterExtension
    final AwsStub aws = new AwsStub();

    @Test
    void helpSaysThatWithoutTheIdentifierEveryTaggedInstanceIsLookedAt() {
        OpsRun help = OpsRun.of("rds", "keep-stopped", "--help");

        assertThat(help.exitCode()).isZero();
        // picocli wraps the description at 80 columns
        String text = help.out().replaceAll("\\s+", " ");
        assertThat(text).contains("--db-instance-identifier=ID Look at this instance only (default: every instance tagged "
                        + "cruddur:keep-stopped=true; with --mark or --unmark: cruddur-db-instance).")
                .doesNotContain("(default: cruddur-db-instance)");
    }

    @Test
    void stopsEveryRunningTaggedInstanceAcrossPagesAndLeavesTheRestAlone() {
        aws.query("DescribeDBInstances", RdsXml.page("DescribeDBInstances", "DBInstances", "page-2",
                RdsXml.instance("available").withId("db-a").withTags(MARKED).xml(),
                RdsXml.instance("available").withId("db-untagged").xml()));
        aws.query("DescribeDBInstances", "Marker", "page-2", RdsXml.describe(
                RdsXml.instance("stopped").withId("db-b").withTags(MARKED)));
        aws.query("DescribeEvents", RdsXml.events(
                RdsXml.event("db-a", "DB instance stopped", "2024-05-01T10:00:00.000Z"),
                RdsXml.event("db-a", AUTO_START, "2024-05-08T10:00:05.000Z")));
        aws.query("StopDBInstance", RdsXml.result("StopDBInstance", RdsXml.instance("stopping").withId("db-a")));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.queryRequests("StopDBInstance")).singleElement()
                .satisfies(request -> assertThat(form(request)).containsEntry("DBInstanceIdentifier", "db-a"));
        assertThat(aws.queryRequests("DescribeDBInstances")).hasSize(2)
                .allSatisfy(request -> assertThat(form(request)).doesNotContainKey("DBInstanceIdentifier"));
        assertThat(run.out()).contains("db-a", "tagged; AWS restarted it at 2024-05-08T10:00:05Z", "stop requested",
                "db-b", "left alone: already stopped").doesNotContain("db-untagged");
    }

    @Test
    void retriesTheStopWhileTheRestartedInstanceIsStillStarting() {
        String id = "--db-instance-identifier";
        aws.inTurn("DescribeDBInstances",
                ok(RdsXml.describe(RdsXml.instance("starting").withTags(MARKED))),
                ok(RdsXml.describe(RdsXml.instance("configuring-enhanced-monitoring").withTags(MARKED))),
                ok(RdsXml.describe(RdsXml.instance("available").withTags(MARKED))),
                ok(RdsXml.describe(RdsXml.instance("backing-up").withTags(MARKED))),
                ok(RdsXml.describe(RdsXml.instance("available").withTags(MARKED))));
        aws.query("DescribeEvents", RdsXml.events(RdsXml.event(RdsXml.ID, AUTO_START, "2024-05-08T10:00:05.000Z")));
        aws.inTurn("StopDBInstance",
                queryError(400, "InvalidDBInstanceState", "Instance cruddur-db-instance is in backing-up state."),
                ok(RdsXml.result("StopDBInstance", RdsXml.instance("stopping"))));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped", id, RdsXml.ID, "--poll-interval", "0s"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.queryRequests("StopDBInstance")).hasSize(2);
        assertThat(run.err()).containsSubsequence("cruddur-db-instance: starting; trying to stop it again",
                "cruddur-db-instance: configuring-enhanced-monitoring; trying to stop it again",
                "RDS refused the stop for now (Instance cruddur-db-instance is in backing-up state.)",
                "cruddur-db-instance: backing-up; trying to stop it again");
        assertThat(run.out()).contains("starting", "stop requested");
    }

    @Test
    void givesUpAfterTheTimeoutAndSaysSo() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("starting").withTags(MARKED)));
        aws.query("DescribeEvents", RdsXml.events(RdsXml.event(RdsXml.ID, AUTO_START, "2024-05-08T10:00:05.000Z")));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped", "--poll-interval", "10ms", "--timeout", "50ms"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("not stopped: still starting after 50ms; run it again later");
        assertThat(aws.queryRequests("StopDBInstance")).isEmpty();
    }

    @Test
    void aTaggedInstanceAPersonStartedIsLeftRunning() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").withTags(MARKED)));
        // AWS restarted it once and keep-stopped stopped it; then the operator ran `rds start`.
        aws.query("DescribeEvents", RdsXml.events(
                RdsXml.event(RdsXml.ID, AUTO_START, "2024-05-08T10:00:05.000Z"),
                RdsXml.event(RdsXml.ID, "DB instance stopped", "2024-05-08T10:20:00.000Z"),
                RdsXml.event(RdsXml.ID, "DB instance started", "2024-05-10T09:00:00.000Z")));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.queryRequests("StopDBInstance")).isEmpty();
        assertThat(run.out()).contains("left alone: no restart by AWS since its last stop");
    }

    @Test
    void aTaggedInstanceJustCreatedIsLeftRunning() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").withTags(MARKED)));
        aws.query("DescribeEvents", RdsXml.events(
                RdsXml.event(RdsXml.ID, "DB instance created", "2024-05-10T09:00:00.000Z"),
                RdsXml.event(RdsXml.ID, "Finished DB Instance backup", "2024-05-10T09:10:00.000Z")));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped", "--dry-run"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("left alone: no restart by AWS since its last stop").doesNotContain("would stop");
        assertThat(actions()).containsOnly("DescribeDBInstances", "DescribeEvents");
    }

    @Test
    void aRestartTheOperatorKeptIsLeftRunningButALaterOneIsStopped() {
        Map<String, String> kept = new java.util.HashMap<>(MARKED);
        kept.put("cruddur:operator-kept-restart", "2024-05-08T10:00:05Z");
        aws.query("DescribeDBInstances", RdsXml.describe(
                RdsXml.instance("available").withId("db-kept").withTags(kept),
                RdsXml.instance("available").withId("db-again").withTags(kept)));
        aws.query("DescribeEvents", "SourceIdentifier", "db-kept", RdsXml.events(
                RdsXml.event("db-kept", "DB instance stopped", "2024-05-01T10:00:00.000Z"),
                RdsXml.event("db-kept", AUTO_START, "2024-05-08T10:00:05.000Z")));
        // kept running after the first restart, stopped by a person later, restarted by AWS 7 days on
        aws.query("DescribeEvents", "SourceIdentifier", "db-again", RdsXml.events(
                RdsXml.event("db-again", AUTO_START, "2024-05-08T10:00:05.000Z"),
                RdsXml.event("db-again", "DB instance stopped", "2024-05-09T18:00:00.000Z"),
                RdsXml.event("db-again", AUTO_START, "2024-05-16T18:00:07.000Z")));
        aws.query("StopDBInstance", RdsXml.result("StopDBInstance", RdsXml.instance("stopping").withId("db-again")));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.queryRequests("StopDBInstance")).singleElement()
                .satisfies(request -> assertThat(form(request)).containsEntry("DBInstanceIdentifier", "db-again"));
        assertThat(run.out()).contains("left alone: `cruddur rds start` kept AWS's restart of 2024-05-08T10:00:05Z running",
                "AWS restarted it at 2024-05-16T18:00:07Z");
    }

    @Test
    void aNamedUntaggedInstanceIsStoppedOnlyWhenAwsRestartedIt() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));
        aws.query("DescribeEvents", RdsXml.events(
                RdsXml.event(RdsXml.ID, AUTO_START, "2024-05-08T10:00:05.000Z"),
                RdsXml.event(RdsXml.ID, "DB instance started", "2024-05-08T10:06:00.000Z")));
        aws.query("StopDBInstance", RdsXml.result("StopDBInstance", RdsXml.instance("stopping")));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped", "--db-instance-identifier", RdsXml.ID));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.queryRequests("StopDBInstance")).hasSize(1);
        assertThat(run.out()).contains("named; AWS restarted it at 2024-05-08T10:00:05Z");
    }

    @Test
    void aNamedUntaggedInstanceSomeoneStartedIsLeftAlone() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));
        // AWS restarted it once, then a person stopped and started it again: not ours to stop.
        aws.query("DescribeEvents", RdsXml.events(
                RdsXml.event(RdsXml.ID, AUTO_START, "2024-05-08T10:00:05.000Z"),
                RdsXml.event(RdsXml.ID, "The DB instance has been stopped.", "2024-05-08T11:00:00.000Z"),
                RdsXml.event(RdsXml.ID, "DB instance started", "2024-05-09T09:00:00.000Z")));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped", "--db-instance-identifier", RdsXml.ID));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.queryRequests("StopDBInstance")).isEmpty();
        assertThat(run.out()).contains("left alone: not tagged, and no restart by AWS");
    }

    @Test
    void dryRunSendsNoStop() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").withTags(MARKED)));
        aws.query("DescribeEvents", RdsXml.events(RdsXml.event(RdsXml.ID, AUTO_START, "2024-05-08T10:00:05.000Z")));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped", "--dry-run"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("dry run, not sent: rds StopDbInstanceRequest(DBInstanceIdentifier=cruddur-db-instance)",
                "would stop (dry run)");
        assertThat(actions()).containsOnly("DescribeDBInstances", "DescribeEvents");
    }

    @Test
    void withNothingTaggedItSaysHowToMarkAnInstance() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("No instance is tagged cruddur:keep-stopped=true", "cruddur rds keep-stopped --mark");
        assertThat(actions()).containsExactly("DescribeDBInstances");
    }

    @Test
    void markTagsTheInstanceAndOnlyOnce() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));
        aws.query("AddTagsToResource", RdsXml.empty("AddTagsToResource"));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped", "--mark"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("AddTagsToResource").get(0)))
                .containsEntry("ResourceName", "arn:aws:rds:us-east-1:123456789012:db:cruddur-db-instance")
                .containsEntry("Tags.Tag.1.Key", "cruddur:keep-stopped").containsEntry("Tags.Tag.1.Value", "true");
        assertThat(run.out()).contains("Tagged cruddur-db-instance cruddur:keep-stopped=true", "stop it now with `cruddur rds stop`");
        assertThat(aws.queryRequests("StopDBInstance")).isEmpty();

        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("stopped").withTags(MARKED)));
        OpsRun again = OpsRun.of(aws.with("rds", "keep-stopped", "--mark"));
        assertThat(again.out()).contains("already tagged");
        assertThat(aws.queryRequests("AddTagsToResource")).hasSize(1);
    }

    @Test
    void unmarkRemovesTheTag() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("stopped").withTags(MARKED)));
        aws.query("RemoveTagsFromResource", RdsXml.empty("RemoveTagsFromResource"));

        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped", "--unmark"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("RemoveTagsFromResource").get(0))).containsEntry("TagKeys.member.1", "cruddur:keep-stopped");
    }

    @Test
    void markAndUnmarkTogetherIsAUsageError() {
        OpsRun run = OpsRun.of(aws.with("rds", "keep-stopped", "--mark", "--unmark"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
        assertThat(aws.allRequests()).isEmpty();
    }

    private List<String> actions() {
        return aws.allRequests().stream().map(request -> request.formParameters().get("Action").firstValue()).toList();
    }
}
