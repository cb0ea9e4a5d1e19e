package dev.cruddur.ops.deployment;

import dev.cruddur.ops.cost.ZeroSpendBudget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * What names the parts of a deployment, as the other commands name them: the user pool, extra
 * functions, the budget. The instance is {@code --db-instance-identifier}, as on every rds command.
 */
final class DeploymentOptions {

    @Option(names = "--user-pool-id", paramLabel = "ID",
            description = "The Cognito user pool whose triggers call the functions (left out: no pool is looked at).")
    String userPoolId;

    @Option(names = "--function-name", split = ",", paramLabel = "NAME",
            description = "A function to include besides those found by their Cruddur handler and the pool's triggers (repeatable).")
    List<String> functionNames = new ArrayList<>();

    @Option(names = "--budget-name", paramLabel = "NAME", defaultValue = ZeroSpendBudget.DEFAULT_NAME,
            description = "The budget `cruddur cost budget` made (default: \"${DEFAULT-VALUE}\").")
    String budgetName;

    Optional<String> userPoolId() {
        return Optional.ofNullable(userPoolId).map(String::strip).filter(id -> !id.isEmpty());
    }

    Set<String> functionNames() {
        Set<String> names = new LinkedHashSet<>();
        functionNames.stream().map(String::strip).filter(name -> !name.isEmpty()).forEach(names::add);
        return names;
    }

    String budgetName() {
        return budgetName;
    }
}
