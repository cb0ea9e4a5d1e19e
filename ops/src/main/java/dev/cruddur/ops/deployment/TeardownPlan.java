package dev.cruddur.ops.deployment;

import static dev.cruddur.ops.deployment.TeardownStep.ALREADY_GONE;
import static dev.cruddur.ops.deployment.TeardownStep.sent;

import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsErrors;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.cognito.InvokePermission;
import dev.cruddur.ops.cognito.PoolTriggers;
import dev.cruddur.ops.cost.BudgetLookup;
import dev.cruddur.ops.lambda.CruddurFunctions;
import dev.cruddur.ops.network.OperatorRules;
import dev.cruddur.ops.output.Printer;
import dev.cruddur.ops.rds.DbInstanceOption;
import dev.cruddur.ops.rds.DbInstances;
import dev.cruddur.ops.rds.FinalSnapshot;
import dev.cruddur.ops.rds.InstanceWaiter;
import dev.cruddur.ops.rds.OwnSecurityGroup;
import dev.cruddur.ops.rds.WaitOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.DeleteBudgetRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * Finds, with read calls only, what the other commands made, and plans its deletion in the order
 * that keeps the deployment safe at every step: first nothing can call the functions (the pool's
 * triggers are detached, then Cognito's permission to invoke them removed), then the functions go
 * with what hangs off them, then nobody can reach the database (the operators' rules), then the
 * budget, the instance and last its own security group, which EC2 refuses to delete while the
 * instance still uses it.
 *
 * <p>Each function goes after its role policy and log group, not before: the function is what
 * finds them again (by its role, by its name), so a teardown that stops half-way still finds
 * the rest on its next run. Nothing invokes it meanwhile, its triggers being detached already.
 */
final class TeardownPlan {

    /**
     * What the teardown was asked to do.
     *
     * @param finalSnapshot the snapshot to take before the instance is deleted; empty under --skip-final-snapshot
     */
    record Settings(String instance, Optional<String> userPoolId, Set<String> functionNames, String budgetName,
                    Optional<String> finalSnapshot, WaitOptions waiting) {
    }

    /**
     * @param finalSnapshot the final snapshot the instance's deletion takes, when it takes one
     * @param allocatedGb   the instance's storage, bounding what its final snapshot will cost
     * @param left          what the teardown leaves on purpose (the pool, the functions' role)
     */
    record Plan(List<TeardownStep> steps, Optional<String> finalSnapshot, int allocatedGb, List<Leftover> left) {
    }

    private final AwsClients clients;
    private final Printer printer;
    private final Settings settings;
    private final List<TeardownStep> steps = new ArrayList<>();
    private final List<Leftover> left = new ArrayList<>();

    private TeardownPlan(AwsClients clients, Printer printer, Settings settings) {
        this.clients = clients;
        this.printer = printer;
        this.settings = settings;
    }

    static Plan of(AwsClients clients, Printer printer, Settings settings) {
        return new TeardownPlan(clients, printer, settings).plan();
    }

    private Plan plan() {
        Optional<UserPoolType> pool = settings.userPoolId()
                .flatMap(id -> PoolTriggers.find(clients.cognitoIdentityProvider(), id));
        Map<String, FunctionConfiguration> functions = functions(pool);
        Set<String> doomed = new LinkedHashSet<>(functions.keySet());
        doomed.addAll(settings.functionNames());
        pool.ifPresent(p -> triggers(p, doomed));
        functions.forEach(this::permissions);
        functions.forEach(this::rolePolicy);
        doomed.forEach(this::logGroup);
        functions.forEach(this::function);

        Optional<DBInstance> db = DbInstances.find(clients.rds(), settings.instance());
        Optional<SecurityGroup> own = OwnSecurityGroup.madeFor(clients.ec2(), settings.instance());
        operatorRules(db, own);
        budget();
        Optional<String> finalSnapshot = db.flatMap(this::instance);
        own.ifPresent(this::securityGroup);
        return new Plan(List.copyOf(steps), finalSnapshot, db.map(d -> d.allocatedStorage() == null ? 0 : d.allocatedStorage())
                .orElse(0), List.copyOf(left));
    }

    /** Cruddur's functions (by their handler) and those named on the command line, as they are now. */
    private Map<String, FunctionConfiguration> functions(Optional<UserPoolType> pool) {
        Map<String, FunctionConfiguration> ours = new LinkedHashMap<>();
        DeploymentFunctions.find(clients.lambda(), pool, settings.functionNames()).forEach((name, config) ->
                config.filter(f -> CruddurFunctions.isCruddur(f) || settings.functionNames().contains(name))
                        .ifPresent(f -> ours.put(name, f)));
        return ours;
    }

    private void triggers(UserPoolType pool, Set<String> doomed) {
        List<PoolTriggers.Attached> attached = PoolTriggers.attached(pool).stream()
                .filter(trigger -> doomed.contains(trigger.functionName())).toList();
        left.add(new Leftover("Cognito user pool", pool.id() + " (" + pool.name() + ")", "-", null,
                "not made by cruddur: only its Cruddur triggers are detached"));
        if (attached.isEmpty()) {
            return;
        }
        Set<String> names = attached.stream().map(PoolTriggers.Attached::functionName).collect(Collectors.toSet());
        steps.add(new TeardownStep("detach triggers", pool.id(), attached.stream()
                .map(t -> t.trigger() + " -> " + t.functionName()).collect(Collectors.joining(", ")), changes -> {
            try {
                boolean sent = PoolTriggers.detach(clients.cognitoIdentityProvider(), changes, pool, names, printer);
                return sent ? TeardownStep.DONE : changes.dryRun() ? TeardownStep.DRY_RUN : "already detached";
            } catch (software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException e) {
                return ALREADY_GONE;
            }
        }));
    }

    private void permissions(String name, FunctionConfiguration function) {
        for (String statement : InvokePermission.grantedOn(clients.lambda(), name)) {
            steps.add(new TeardownStep("remove invoke permission", name, statement, changes -> {
                try {
                    return sent(changes.send(RemovePermissionRequest.builder().functionName(name).statementId(statement).build(),
                            clients.lambda()::removePermission));
                } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
                    return ALREADY_GONE;
                }
            }));
        }
    }

    /** The inline policy {@code lambda deploy --database-secret-arn} put on the role; the role itself was made by hand. */
    private void rolePolicy(String name, FunctionConfiguration function) {
        if (function.role() == null) {
            return;
        }
        String role = CruddurFunctions.roleName(function.role());
        String policy = CruddurFunctions.secretPolicyName(name);
        if (left.stream().noneMatch(l -> l.kind().equals("IAM role") && l.name().equals(role))) {
            left.add(new Leftover("IAM role", role, "-", null, "made by hand for the functions: `aws iam delete-role"
                    + " --role-name " + role + "` once nothing uses it (detach its managed policies first)"));
        }
        try {
            clients.iam().getRolePolicy(r -> r.roleName(role).policyName(policy));
        } catch (NoSuchEntityException e) {
            return;
        }
        steps.add(new TeardownStep("delete role policy", role, policy, changes -> {
            try {
                return sent(changes.send(DeleteRolePolicyRequest.builder().roleName(role).policyName(policy).build(),
                        clients.iam()::deleteRolePolicy));
            } catch (NoSuchEntityException e) {
                return ALREADY_GONE;
            }
        }));
    }

    private void logGroup(String functionName) {
        String name = CruddurFunctions.logGroup(functionName);
        Optional<LogGroup> group = clients.logs().describeLogGroups(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                .filter(g -> name.equals(g.logGroupName())).findFirst();
        if (group.isEmpty()) {
            return;
        }
        Long bytes = group.get().storedBytes();
        steps.add(new TeardownStep("delete log group", name, bytes == null ? "-" : bytes + " bytes stored", changes -> {
            try {
                return sent(changes.send(DeleteLogGroupRequest.builder().logGroupName(name).build(),
                        clients.logs()::deleteLogGroup));
            } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException e) {
                return ALREADY_GONE;
            }
        }));
    }

    private void function(String name, FunctionConfiguration function) {
        steps.add(new TeardownStep("delete function", name, function.handler(), changes -> {
            try {
                return sent(changes.send(DeleteFunctionRequest.builder().functionName(name).build(),
                        clients.lambda()::deleteFunction));
            } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
                return ALREADY_GONE;
            }
        }));
    }

    /** Every operator's rule in the instance's groups and in its own group: revoked one by one, so one already gone stops nothing. */
    private void operatorRules(Optional<DBInstance> db, Optional<SecurityGroup> own) {
        Set<String> groups = new LinkedHashSet<>();
        db.ifPresent(d -> d.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).forEach(groups::add));
        own.ifPresent(g -> groups.add(g.groupId()));
        for (String group : groups) {
            for (SecurityGroupRule rule : OperatorRules.managed(clients.ec2(), group)) {
                String id = rule.securityGroupRuleId();
                steps.add(new TeardownStep("revoke operator rule", group, id + " (" + OperatorRules.describe(rule) + ", "
                        + rule.description() + ")", changes -> {
                    try {
                        return sent(changes.send(RevokeSecurityGroupIngressRequest.builder().groupId(group)
                                .securityGroupRuleIds(id).build(), clients.ec2()::revokeSecurityGroupIngress));
                    } catch (Ec2Exception e) {
                        return gone(e, "InvalidSecurityGroupRuleId.NotFound", "InvalidGroup.NotFound");
                    }
                }));
            }
        }
    }

    private void budget() {
        String account = clients.sts().getCallerIdentity().account();
        Optional<Budget> budget = BudgetLookup.find(clients.budgets(), account, settings.budgetName());
        budget.ifPresent(b -> steps.add(new TeardownStep("delete budget", b.budgetName(),
                "limit " + BudgetLookup.money(b.budgetLimit()), changes -> {
            try {
                return sent(changes.send(DeleteBudgetRequest.builder().accountId(account).budgetName(b.budgetName()).build(),
                        clients.budgets()::deleteBudget));
            } catch (software.amazon.awssdk.services.budgets.model.NotFoundException e) {
                return ALREADY_GONE;
            }
        })));
    }

    /** @return the final snapshot the deletion takes */
    private Optional<String> instance(DBInstance db) {
        String id = db.dbInstanceIdentifier();
        if ("deleting".equals(db.dbInstanceStatus())) {
            printer.say(id + " is already being deleted.");
            return Optional.empty();
        }
        Optional<String> snapshot = settings.finalSnapshot();
        DeleteDbInstanceRequest request = FinalSnapshot.deletion(id, snapshot);
        steps.add(new TeardownStep("delete instance", id, snapshot.map(name -> "final snapshot " + name)
                .orElse("no final snapshot: the data is gone for good"), changes -> {
            try {
                return sent(changes.send(request, clients.rds()::deleteDBInstance));
            } catch (DbInstanceNotFoundException e) {
                return ALREADY_GONE;
            }
        }));
        return snapshot;
    }

    /**
     * The instance's own group: EC2 refuses to delete a group an instance still uses
     * (DependencyViolation), so this waits until the instance is gone, or with --no-wait says to
     * come back.
     */
    private void securityGroup(SecurityGroup group) {
        String id = settings.instance();
        steps.add(new TeardownStep("delete security group", group.groupId(), group.groupName() + ", once " + id
                + " is gone", changes -> {
            DeleteSecurityGroupRequest request = DeleteSecurityGroupRequest.builder().groupId(group.groupId()).build();
            if (!changes.dryRun()) {
                Optional<DBInstance> still = DbInstances.find(clients.rds(), id);
                if (still.isPresent()) {
                    if (!settings.waiting().enabled()) {
                        return "waiting: " + id + " is still " + still.get().dbInstanceStatus() + "; run `cruddur aws"
                                + " teardown --yes" + DbInstanceOption.flagFor(id) + "` again once it is gone";
                    }
                    new InstanceWaiter(clients.rds(), printer, settings.waiting()).untilGone(id);
                }
            }
            try {
                return sent(changes.send(request, clients.ec2()::deleteSecurityGroup));
            } catch (Ec2Exception e) {
                if ("DependencyViolation".equals(e.awsErrorDetails().errorCode())) {
                    // RDS lets go of its network interfaces a little after the instance is gone.
                    return "waiting: still in use (" + AwsErrors.describe(e) + "); run the teardown again in a few minutes";
                }
                return gone(e, "InvalidGroup.NotFound");
            }
        }));
    }

    /** {@link TeardownStep#ALREADY_GONE} for EC2's not-found codes; any other refusal is passed on. */
    private static String gone(Ec2Exception e, String... notFound) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code != null && List.of(notFound).contains(code)) {
            return ALREADY_GONE;
        }
        throw e;
    }
}
