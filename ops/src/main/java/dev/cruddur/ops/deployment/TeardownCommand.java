package dev.cruddur.ops.deployment;

import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.aws.DryRunOption;
import dev.cruddur.ops.output.OutputFormat;
import dev.cruddur.ops.output.Printer;
import dev.cruddur.ops.rds.DbInstanceOption;
import dev.cruddur.ops.rds.FinalSnapshotOption;
import dev.cruddur.ops.rds.WaitOptions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

@Command(name = "teardown", mixinStandardHelpOptions = true,
        description = {"Delete everything the other commands made, in an order that is safe at every step: the pool's Cruddur"
                + " triggers, Cognito's permission to invoke the functions, the functions' role policy and log groups, the"
                + " functions, the operators' rules, the budget, the instance (after a final snapshot unless"
                + " --skip-final-snapshot) and its own security group.",
                "It plans with read calls first and prints the plan. Without --yes it is a dry run: nothing that changes"
                        + " anything is sent. Whatever is already gone is skipped, so running it again finishes what is left."
                        + " It ends with what is left (snapshots, the pool, the functions' role) and what that still costs."},
        footer = {"", "Example:", "  cruddur aws teardown --user-pool-id us-east-1_AbCdEf123",
                "  cruddur aws teardown --user-pool-id us-east-1_AbCdEf123 --yes",
                "  cruddur aws teardown --skip-final-snapshot --yes"})
final class TeardownCommand extends AwsCommand {

    @Mixin
    DbInstanceOption instance;

    @Mixin
    DeploymentOptions deployment;

    @Mixin
    DryRunOption dryRun;

    @Mixin
    WaitOptions waiting;

    @Mixin
    FinalSnapshotOption finalSnapshot;

    @Option(names = "--yes", description = "Do it: delete what the plan lists. Without it, a dry run.")
    boolean yes;

    /** The whole answer, for {@code --output json}. */
    record Teardown(boolean dryRun, List<TeardownStep.Outcome> steps, List<Leftover> left, BigDecimal usdPerMonthLeft,
                    String next) {
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        // --dry-run wins over --yes, as on every other command: it is how to see what --yes would do.
        boolean dry = dryRun.enabled() || !yes;
        TeardownPlan.Plan plan = TeardownPlan.of(clients, printer, new TeardownPlan.Settings(instance.identifier(),
                deployment.userPoolId(), deployment.functionNames(), deployment.budgetName(),
                finalSnapshot.nameFor(instance.identifier()), waiting));
        List<TeardownStep.Line> lines = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            TeardownStep step = plan.steps().get(i);
            lines.add(new TeardownStep.Line(i + 1, step.action(), step.target(), step.detail()));
        }
        if (plan.steps().isEmpty()) {
            printer.say("Nothing to tear down: nothing the other commands make was found.");
        } else if (printer.format() == OutputFormat.TABLE) {
            // in JSON the plan is the result's steps: standard output holds one document
            printer.say(dry ? "The plan (a dry run: nothing that changes anything is sent; `--yes` does it):"
                    : "The plan, carried out in this order:");
            printer.rows(lines, TeardownStep.Line.class);
            printer.say("");
        }

        Changes changes = new Changes(dry, printer);
        List<TeardownStep.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            TeardownStep step = plan.steps().get(i);
            String outcome = step.deletion().run(changes);
            if (!dry) {
                printer.progress((i + 1) + ". " + step.action() + " " + step.target() + ": " + outcome);
            }
            outcomes.add(new TeardownStep.Outcome(i + 1, step.action(), step.target(), outcome));
        }

        List<Leftover> left = new ArrayList<>(plan.left());
        left.addAll(snapshots(clients, plan, dry));
        BigDecimal cost = left.stream().map(Leftover::usdPerMonth).filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        String next = next(dry, outcomes);

        if (printer.format() == OutputFormat.JSON) {
            printer.record(new Teardown(dry, outcomes, left, cost, next));
            return 0;
        }
        if (!dry && !outcomes.isEmpty()) {
            // under --dry-run every outcome is "dry run, not sent", which the plan and the requests above say already
            printer.rows(outcomes, TeardownStep.Outcome.class);
            printer.say("");
        }
        if (left.isEmpty()) {
            printer.say("Left: nothing.");
        } else {
            printer.say("Left:");
            printer.rows(left, Leftover.class);
        }
        printer.say(cost.signum() == 0 ? "Still charged: nothing that the other commands made."
                : "Still charged: at most $" + cost + " a month, for snapshots (RDS charges snapshot storage per GB-month,"
                        + " $" + SnapshotStorage.USD_PER_GB_MONTH + " in us-east-1); delete one with `aws rds delete-db-snapshot"
                        + " --db-snapshot-identifier NAME` once you no longer need it.");
        if (next != null) {
            printer.say(next);
        }
        return 0;
    }

    /** The instance's manual snapshots (a final snapshot is one), and the final snapshot this run takes or would take. */
    private List<Leftover> snapshots(AwsClients clients, TeardownPlan.Plan plan, boolean dry) {
        List<Leftover> snapshots = new ArrayList<>();
        for (DBSnapshot snapshot : clients.rds().describeDBSnapshotsPaginator(r -> r
                .dbInstanceIdentifier(instance.identifier()).snapshotType("manual")).dbSnapshots()) {
            int gb = snapshot.allocatedStorage() == null ? 0 : snapshot.allocatedStorage();
            snapshots.add(new Leftover("DB snapshot", snapshot.dbSnapshotIdentifier(), gb + " GB",
                    SnapshotStorage.monthlyAtMost(gb), snapshot.status() + (snapshot.snapshotCreateTime() == null ? ""
                            : ", taken " + snapshot.snapshotCreateTime())));
        }
        plan.finalSnapshot().filter(name -> snapshots.stream().noneMatch(s -> s.name().equals(name)))
                .ifPresent(name -> snapshots.add(new Leftover("DB snapshot", name, plan.allocatedGb() + " GB",
                        SnapshotStorage.monthlyAtMost(plan.allocatedGb()),
                        dry ? "would be taken when the instance is deleted" : "being taken as the instance is deleted")));
        return snapshots;
    }

    /** What to run next, when anything is still to be done; null when nothing is. */
    private String next(boolean dry, List<TeardownStep.Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return null;
        }
        if (dry) {
            return "Nothing was changed. Run `cruddur aws teardown" + flags() + " --yes` to do it.";
        }
        if (outcomes.stream().anyMatch(o -> o.outcome().startsWith("waiting"))) {
            return "Not finished: run `cruddur aws teardown" + flags() + " --yes` again in a few minutes.";
        }
        return null;
    }

    private String flags() {
        return DbInstanceOption.flagFor(instance.identifier())
                + deployment.userPoolId().map(id -> " --user-pool-id " + id).orElse("")
                + finalSnapshot.flag();
    }
}
