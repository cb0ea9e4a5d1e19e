package dev.cruddur.ops.rds;

import static dev.cruddur.ops.AwsStub.Answer.ok;
import static dev.cruddur.ops.AwsStub.Answer.queryError;
import static dev.cruddur.ops.rds.RdsXml.notFound;
import static dev.cruddur.ops.rds.CreateCommandTest.form;
import static dev.cruddur.ops.rds.RdsXml.AUTO_START;
import static dev.cruddur.ops.rds.RdsXml.MARKED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.OpsRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rds status, start, stop, delete and public-access. */
class LifecycleCommandsTest {

    private static final String ARN = "arn:aws:rds:us-east-1:123456789012:db:cruddur-db-instance";

    @RegisterExtension
    final AwsStub aws = new AwsStub();

    // ---- status ----

    @Test
    void statusOfARunningPublicInstanceShowsItsEndpointAndTheIpv4Cost() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").publiclyAccessible(true)));

        OpsRun run = OpsRun.of(aws.with("rds", "status"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("STATE:", "available", RdsXml.HOST + ":5432", "PUBLICLY ACCESSIBLE:", "yes",
                "sg-0aaa1111", RdsXml.SECRET_ARN, "$0.005 per hour", "cruddur rds public-access off");
        // Only a stopped instance needs the event log.
        assertThat(aws.queryRequests("DescribeEvents")).isEmpty();
    }

    @Test
    void statusOfAStoppedInstanceSaysWhenAwsStartsItAgain() throws Exception {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("stopped")));
        aws.query("DescribeEvents", RdsXml.events(
                RdsXml.event(RdsXml.ID, "DB instance stopped", "2024-04-20T08:00:00.000Z"),
                RdsXml.event(RdsXml.ID, "DB instance started", "2024-04-21T08:00:00.000Z"),
                RdsXml.event(RdsXml.ID, "The DB instance has been stopped.", "2024-05-01T10:15:00.000Z"),
                RdsXml.event(RdsXml.ID, "Finished DB Instance backup", "2024-05-01T09:00:00.000Z")));

        OpsRun run = OpsRun.of(aws.with("rds", "status", "--output", "json"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        JsonNode status = new ObjectMapper().readTree(run.out());
        assertThat(status.get("state").asText()).isEqualTo("stopped");
        assertThat(status.get("stopped_at").asText()).isEqualTo("2024-05-01T10:15:00Z");
        assertThat(status.get("auto_start_at").asText()).isEqualTo("2024-05-08T10:15:00Z");
        assertThat(status.get("keep_stopped").asBoolean()).isFalse();
        assertThat(run.err()).contains("AWS will start it again at 2024-05-08T10:15:00Z", "cruddur rds keep-stopped --mark");
        Map<String, String> sent = form(aws.queryRequests("DescribeEvents").get(0));
        assertThat(sent).containsEntry("SourceType", "db-instance").containsEntry("SourceIdentifier", RdsXml.ID)
                .containsEntry("Duration", "20160");
    }

    @Test
    void whenTheEventsNoLongerReachTheStopTheRestartIsUnknown() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("stopped")));
        aws.query("DescribeEvents", RdsXml.events());

        OpsRun run = OpsRun.of(aws.with("rds", "status"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).containsPattern("AUTO START AT:\\s+unknown").contains("more than 14 days ago");
    }

    @Test
    void aMissingInstanceIsOneLineThatSaysHowToCreateIt() {
        aws.query("DescribeDBInstances", notFound(RdsXml.ID));

        OpsRun run = OpsRun.of(aws.with("rds", "status"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).isEqualTo("cruddur: Rds DBInstanceNotFound: DBInstance cruddur-db-instance"
                + " not found. (create it with `cruddur rds create`, or name another with --db-instance-identifier)");
        assertThat(run.printed()).doesNotContain("Exception", "\tat ");
    }

    // ---- start ----

    @Test
    void startStartsAStoppedInstanceAndWaitsUntilItIsAvailable() {
        aws.inTurn("DescribeDBInstances", ok(RdsXml.describe(RdsXml.instance("stopped"))),
                ok(RdsXml.describe(RdsXml.instance("starting"))), ok(RdsXml.describe(RdsXml.instance("available"))));
        aws.query("StartDBInstance", RdsXml.result("StartDBInstance", RdsXml.instance("starting")));

        OpsRun run = OpsRun.of(aws.with("rds", "start", "--poll-interval", "0s"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.queryRequests("StartDBInstance")).singleElement()
                .satisfies(request -> assertThat(form(request)).containsEntry("DBInstanceIdentifier", RdsXml.ID));
        assertThat(run.err()).containsSubsequence(": starting", ": available");
        assertThat(run.out()).contains("Starting cruddur-db-instance", RdsXml.HOST);
    }

    @Test
    void whenSomeoneElseStartedItMeanwhileInvalidStateIsReportedNotFailed() {
        aws.inTurn("DescribeDBInstances", ok(RdsXml.describe(RdsXml.instance("stopped"))),
                ok(RdsXml.describe(RdsXml.instance("starting"))));
        aws.query("StartDBInstance", queryError(400, "InvalidDBInstanceState", "Instance cruddur-db-instance is not stopped."));

        OpsRun run = OpsRun.of(aws.with("rds", "start", "--no-wait"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("cruddur-db-instance is already starting.");
    }

    @Test
    void startDryRunSendsNoStart() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("stopped")));

        OpsRun run = OpsRun.of(aws.with("rds", "start", "--dry-run"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("dry run, not sent: rds StartDbInstanceRequest(DBInstanceIdentifier=cruddur-db-instance)");
        assertThat(actions()).containsOnly("DescribeDBInstances");
    }

    @Test
    void startOfAMarkedInstanceSaysTheMarkStaysAndKeepStoppedLeavesThisStartAlone() {
        aws.inTurn("DescribeDBInstances", ok(RdsXml.describe(RdsXml.instance("stopped").withTags(MARKED))));
        aws.query("StartDBInstance", RdsXml.result("StartDBInstance", RdsXml.instance("starting").withTags(MARKED)));

        OpsRun run = OpsRun.of(aws.with("rds", "start", "--no-wait"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(actions()).containsExactly("DescribeDBInstances", "StartDBInstance");
        assertThat(run.out()).contains("stays tagged cruddur:keep-stopped=true",
                "`cruddur rds keep-stopped` leaves this start alone",
                "only if AWS restarts it after 7 days stopped", "cruddur rds keep-stopped --unmark");
    }

    @Test
    void startOfAMarkedInstanceAwsRestartedKeepsItRunning() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").withTags(MARKED)));
        aws.query("DescribeEvents", RdsXml.events(
                RdsXml.event(RdsXml.ID, "DB instance stopped", "2024-05-01T10:00:00.000Z"),
                RdsXml.event(RdsXml.ID, AUTO_START, "2024-05-08T10:00:05.000Z")));
        aws.query("AddTagsToResource", RdsXml.empty("AddTagsToResource"));

        OpsRun run = OpsRun.of(aws.with("rds", "start"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("AddTagsToResource").get(0))).containsEntry("ResourceName", ARN)
                .containsEntry("Tags.Tag.1.Key", "cruddur:operator-kept-restart")
                .containsEntry("Tags.Tag.1.Value", "2024-05-08T10:00:05Z")
                .doesNotContainKey("Tags.Tag.2.Key");
        assertThat(aws.queryRequests("StartDBInstance")).isEmpty();
        assertThat(run.out()).contains("AWS started it at 2024-05-08T10:00:05Z",
                "`cruddur rds keep-stopped` now leaves it running", "stays tagged cruddur:keep-stopped=true");
    }

    @Test
    void startOfAMarkedInstanceAwsRestartedUnderDryRunSendsNoTag() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("starting").withTags(MARKED)));
        aws.query("DescribeEvents", RdsXml.events(RdsXml.event(RdsXml.ID, AUTO_START, "2024-05-08T10:00:05.000Z")));

        OpsRun run = OpsRun.of(aws.with("rds", "start", "--dry-run", "--no-wait"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("dry run, not sent: rds AddTagsToResourceRequest(",
                "Key=cruddur:operator-kept-restart, Value=2024-05-08T10:00:05Z");
        assertThat(actions()).containsOnly("DescribeDBInstances", "DescribeEvents");
    }

    @Test
    void startOfAMarkedInstanceAPersonStartedSendsNoTag() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").withTags(MARKED)));
        aws.query("DescribeEvents", RdsXml.events(
                RdsXml.event(RdsXml.ID, "DB instance stopped", "2024-05-01T10:00:00.000Z"),
                RdsXml.event(RdsXml.ID, "DB instance started", "2024-05-02T10:00:00.000Z")));

        OpsRun run = OpsRun.of(aws.with("rds", "start"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("already available; nothing to start.", "stays tagged cruddur:keep-stopped=true");
        assertThat(actions()).containsExactly("DescribeDBInstances", "DescribeEvents");
    }

    // ---- stop ----

    @Test
    void stopStopsAndExplainsTheSevenDayRestart() {
        aws.inTurn("DescribeDBInstances", ok(RdsXml.describe(RdsXml.instance("available"))),
                ok(RdsXml.describe(RdsXml.instance("stopping"))), ok(RdsXml.describe(RdsXml.instance("stopped"))));
        aws.query("StopDBInstance", RdsXml.result("StopDBInstance", RdsXml.instance("stopping")));

        OpsRun run = OpsRun.of(aws.with("rds", "stop", "--poll-interval", "0s"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.queryRequests("StopDBInstance")).singleElement()
                .satisfies(request -> assertThat(form(request)).containsEntry("DBInstanceIdentifier", RdsXml.ID)
                        .doesNotContainKey("DBSnapshotIdentifier"));
        assertThat(run.out()).contains("AWS will start it again by itself around", "(7 days from now)",
                "cruddur rds keep-stopped --mark", "cruddur-db-instance is stopped.");
        assertThat(aws.queryRequests("AddTagsToResource")).isEmpty();
    }

    @Test
    void stopWithKeepStoppedTagsTheInstanceFirst() {
        aws.inTurn("DescribeDBInstances", ok(RdsXml.describe(RdsXml.instance("available"))));
        aws.query("AddTagsToResource", RdsXml.empty("AddTagsToResource"));
        aws.query("StopDBInstance", RdsXml.result("StopDBInstance", RdsXml.instance("stopping")));

        OpsRun run = OpsRun.of(aws.with("rds", "stop", "--keep-stopped", "--no-wait"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("AddTagsToResource").get(0))).containsEntry("ResourceName", ARN)
                .containsEntry("Tags.Tag.1.Key", "cruddur:keep-stopped").containsEntry("Tags.Tag.1.Value", "true");
        assertThat(actions()).containsExactly("DescribeDBInstances", "AddTagsToResource", "StopDBInstance");
        assertThat(run.out()).doesNotContain("keep-stopped --mark");
    }

    @Test
    void stopDryRunSendsNeitherTagNorStop() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));

        OpsRun run = OpsRun.of(aws.with("rds", "stop", "--keep-stopped", "--dry-run"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("dry run, not sent: rds AddTagsToResourceRequest(", "dry run, not sent: rds StopDbInstanceRequest(");
        assertThat(actions()).containsOnly("DescribeDBInstances");
    }

    // ---- delete ----

    @Test
    void deleteWithoutYesIsRefusedBeforeAnythingIsSent() {
        OpsRun run = OpsRun.of(aws.with("rds", "delete"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("cruddur: Deleting cruddur-db-instance deletes its data (a final snapshot is kept)."
                + " Run `cruddur rds delete --yes` to confirm.");
        assertThat(aws.allRequests()).isEmpty();
    }

    @Test
    void deleteKeepsAFinalSnapshotAndWaitsUntilTheInstanceIsGone() {
        aws.inTurn("DescribeDBInstances", ok(RdsXml.describe(RdsXml.instance("available"))),
                ok(RdsXml.describe(RdsXml.instance("deleting"))), notFound(RdsXml.ID));
        aws.query("DeleteDBInstance", RdsXml.result("DeleteDBInstance", RdsXml.instance("deleting")));

        OpsRun run = OpsRun.of(aws.with("rds", "delete", "--yes", "--poll-interval", "0s"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        Map<String, String> sent = form(aws.queryRequests("DeleteDBInstance").get(0));
        assertThat(sent).containsEntry("DBInstanceIdentifier", RdsXml.ID).containsEntry("SkipFinalSnapshot", "false");
        assertThat(sent.get("FinalDBSnapshotIdentifier")).matches("cruddur-db-instance-final-\\d{8}-\\d{6}");
        assertThat(run.out()).contains("after a final snapshot " + sent.get("FinalDBSnapshotIdentifier"), "cruddur-db-instance is deleted.");
        assertThat(run.err()).containsSubsequence(": deleting", ": gone");
    }

    @Test
    void afterAFinalSnapshotTheRestoreHintSaysTheRestoredInstanceNeedsANewManagedSecret() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").withId("db2")));
        aws.query("DeleteDBInstance", RdsXml.result("DeleteDBInstance", RdsXml.instance("deleting").withId("db2")));

        OpsRun run = OpsRun.of(aws.with("rds", "delete", "--db-instance-identifier", "db2", "--yes", "--no-wait"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        String snapshot = form(aws.queryRequests("DeleteDBInstance").get(0)).get("FinalDBSnapshotIdentifier");
        String text = run.out().replaceAll("\\s+", " ");
        assertThat(text).contains(
                "aws rds restore-db-instance-from-db-snapshot --db-instance-identifier db2 --db-snapshot-identifier " + snapshot
                        + " --vpc-security-group-ids sg-0aaa1111",
                "no RDS-managed master secret: RDS deletes the secret with this instance",
                "aws rds modify-db-instance --db-instance-identifier db2 --manage-master-user-password --apply-immediately",
                "cruddur rds status --db-instance-identifier db2");
    }

    @Test
    void deleteCanSkipTheFinalSnapshot() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("stopped")));
        aws.query("DeleteDBInstance", RdsXml.result("DeleteDBInstance", RdsXml.instance("deleting")));

        OpsRun run = OpsRun.of(aws.with("rds", "delete", "--skip-final-snapshot", "--yes", "--no-wait"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("DeleteDBInstance").get(0))).containsEntry("SkipFinalSnapshot", "true")
                .doesNotContainKey("FinalDBSnapshotIdentifier");
        assertThat(run.out()).contains("without a final snapshot").doesNotContain("restore");
    }

    @Test
    void deletingAMissingInstanceIsNotAnError() {
        aws.query("DescribeDBInstances", notFound(RdsXml.ID));

        OpsRun run = OpsRun.of(aws.with("rds", "delete", "--yes"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("There is no DB instance cruddur-db-instance; nothing to delete.");
        assertThat(aws.queryRequests("DeleteDBInstance")).isEmpty();
    }

    @Test
    void deleteDryRunNeedsNoYesAndSendsNoDelete() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));

        OpsRun run = OpsRun.of(aws.with("rds", "delete", "--dry-run"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains("dry run, not sent: rds DeleteDbInstanceRequest(DBInstanceIdentifier=cruddur-db-instance,"
                + " SkipFinalSnapshot=false, FinalDBSnapshotIdentifier=cruddur-db-instance-final-");
        assertThat(actions()).containsOnly("DescribeDBInstances");
    }

    // ---- public-access ----

    @Test
    void publicAccessOffModifiesTheInstanceImmediately() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").publiclyAccessible(true)));
        aws.query("ModifyDBInstance", RdsXml.result("ModifyDBInstance", RdsXml.instance("modifying")));

        OpsRun run = OpsRun.of(aws.with("rds", "public-access", "off"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("ModifyDBInstance").get(0))).containsEntry("DBInstanceIdentifier", RdsXml.ID)
                .containsEntry("PubliclyAccessible", "false").containsEntry("ApplyImmediately", "true");
        assertThat(run.out()).contains("releases the public IPv4 address and its $0.005/hour charge");
    }

    @Test
    void publicAccessOnExplainsTheCost() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available")));
        aws.query("ModifyDBInstance", RdsXml.result("ModifyDBInstance", RdsXml.instance("modifying")));

        OpsRun run = OpsRun.of(aws.with("rds", "public-access", "ON"));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(form(aws.queryRequests("ModifyDBInstance").get(0))).containsEntry("PubliclyAccessible", "true");
        assertThat(run.out()).contains("$0.005 per hour, $3.65 a month (730 hours)", "cruddur network allow-my-ip");
    }

    @Test
    void modifyingAStoppedInstanceIsOneLineFromRds() {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("stopped").publiclyAccessible(true)));
        aws.inTurn("ModifyDBInstance", queryError(400, "InvalidDBInstanceState", "Database instance is not in available state."));

        OpsRun run = OpsRun.of(aws.with("rds", "public-access", "off"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .startsWith("cruddur: Rds InvalidDBInstanceState: Database instance is not in available state.");
    }

    // ---- a change the instance already has ----

    /** Reported as such, and nothing is sent but the look-up. */
    @ParameterizedTest(name = "rds {1} on a {0} instance")
    @CsvSource(delimiter = '|', textBlock = """
        available | start             | cruddur-db-instance is already available; nothing to start.
        stopped   | stop              | cruddur-db-instance is already stopped; nothing to stop.
        stopped   | public-access off | Public access of cruddur-db-instance is already off; nothing sent.
        """)
    void aChangeAlreadyMadeIsReportedAndNothingIsSent(String state, String command, String said) {
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance(state)));

        OpsRun run = OpsRun.of(aws.with(("rds " + command).split(" ")));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.out()).contains(said);
        assertThat(actions()).containsExactly("DescribeDBInstances");
    }

    private List<String> actions() {
        return aws.allRequests().stream().map(request -> request.formParameters().get("Action").firstValue()).toList();
    }
}
