package dev.cruddur.ops.deployment;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.AwsErrors;
import dev.cruddur.ops.cognito.PoolTriggers;
import dev.cruddur.ops.cost.BudgetLookup;
import dev.cruddur.ops.cost.Ipv4Price;
import dev.cruddur.ops.cost.PublicAddress;
import dev.cruddur.ops.cost.PublicAddresses;
import dev.cruddur.ops.lambda.CredentialFreshness;
import dev.cruddur.ops.network.OperatorOptions;
import dev.cruddur.ops.network.OperatorRules;
import dev.cruddur.ops.output.OutputFormat;
import dev.cruddur.ops.output.Printer;
import dev.cruddur.ops.rds.DbInstanceOption;
import dev.cruddur.ops.rds.DbInstances;
import dev.cruddur.ops.rds.InstanceView;
import dev.cruddur.ops.rds.Tags;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.rds.model.DBInstance;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"One screen for the whole deployment, read-only: the instance (state, engine, endpoint, public or not,"
                + " keep-stopped mark), whether your security-group rule still matches your current IP, the user pool's"
                + " triggers and the functions they call (state, last update, whether their database credentials are current),"
                + " the budget's spend against its limit, and the region's public IPv4 addresses with their monthly cost.",
                "Only Describe, Get and List calls are sent. A part that is not set up, or not found, is shown as such."},
        footer = {"", "Example:", "  cruddur aws status --user-pool-id us-east-1_AbCdEf123",
                "  cruddur aws status --user-pool-id us-east-1_AbCdEf123 --output json"})
final class DeploymentStatusCommand extends AwsCommand {

    static final String NOT_FOUND = "not found";

    @Mixin
    DbInstanceOption instance;

    @Mixin
    DeploymentOptions deployment;

    @Mixin
    OperatorOptions operator;

    /** The instance; the fields past {@code status} are null when it is not found. */
    record Database(String identifier, String status, String state, String engine, String endpoint,
                    Boolean publiclyAccessible, Boolean keepStopped, List<String> securityGroups) {
    }

    /** The user pool and its Cruddur triggers (pre sign-up, post confirmation). */
    record UserPool(String userPoolId, String status, String name, List<PoolTriggers.Attached> triggers) {
    }

    /** One function: {@code lastUpdate} is Lambda's LastUpdateStatus, {@code lastModified} when it last changed. */
    record FunctionState(String name, String trigger, String status, String state, String lastUpdate, String lastModified,
                    String credentials) {
    }

    /** The budget: its spend this month against its limit. */
    record BudgetState(String budgetName, String status, String limit, String actualSpend, String forecastedSpend) {
    }

    /** The region's public IPv4 addresses and what they cost a month. */
    record PublicIpv4(String region, String status, int count, BigDecimal usdPerMonth, List<PublicAddress> addresses) {
    }

    /** The whole screen, for {@code --output json}: every part is always there, with its status. */
    record Status(String region, Database database, OperatorRules.Check access, UserPool userPool, List<FunctionState> functions,
                  BudgetState budget, PublicIpv4 publicIpv4) {
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        String region = clients.ec2().serviceClientConfiguration().region().id();
        Optional<DBInstance> db = Optional.empty();
        Database database;
        try {
            db = DbInstances.find(clients.rds(), instance.identifier());
            database = db.map(this::database).orElseGet(() -> unknownDatabase(NOT_FOUND + ": `cruddur rds create` makes it"));
        } catch (AwsServiceException e) {
            database = unknownDatabase("unknown: " + AwsErrors.describe(e));
        }
        OperatorRules.Check access = db.map(found -> part(
                        () -> OperatorRules.check(clients.ec2(), clients.sts(), found, operator, printer),
                        failure -> new OperatorRules.Check(null, null, null, null, "unknown: " + failure)))
                .orElseGet(() -> new OperatorRules.Check(null, null, null, null, "not checked: there is no instance"));
        Optional<UserPoolType> pool = Optional.empty();
        UserPool userPool;
        try {
            pool = deployment.userPoolId().flatMap(id -> PoolTriggers.find(clients.cognitoIdentityProvider(), id));
            userPool = userPool(pool);
        } catch (AwsServiceException e) {
            userPool = new UserPool(deployment.userPoolId().orElseThrow(), "unknown: " + AwsErrors.describe(e), null, List.of());
        }
        List<FunctionState> functions = functions(clients, pool, db);
        BudgetState budget = budget(clients);
        PublicIpv4 ipv4 = part(() -> {
            PublicAddresses.Found found = new PublicAddresses(region, clients.ec2(), clients::rds).find();
            found.notes().forEach(printer::progress);
            return new PublicIpv4(region, "found", found.addresses().size(), Ipv4Price.monthly(found.addresses().size()),
                    found.addresses());
        }, failure -> new PublicIpv4(region, "unknown: " + failure, 0, null, List.of()));

        Status status = new Status(region, database, access, userPool, functions, budget, ipv4);
        if (printer.format() == OutputFormat.JSON) {
            printer.record(status);
        } else {
            new StatusText(printer).print(status);
        }
        return 0;
    }

    private Database unknownDatabase(String status) {
        return new Database(instance.identifier(), status, null, null, null, null, null, List.of());
    }

    private Database database(DBInstance db) {
        return new Database(db.dbInstanceIdentifier(), "found", db.dbInstanceStatus(), db.engine() + " " + db.engineVersion(),
                InstanceView.endpoint(db), Boolean.TRUE.equals(db.publiclyAccessible()), Tags.keepStopped(db),
                db.vpcSecurityGroups().stream().map(group -> group.vpcSecurityGroupId()).toList());
    }

    private UserPool userPool(Optional<UserPoolType> pool) {
        if (deployment.userPoolId().isEmpty()) {
            return new UserPool(null, "not configured: give --user-pool-id", null, List.of());
        }
        String id = deployment.userPoolId().get();
        return pool.map(p -> new UserPool(id, "found", p.name(), PoolTriggers.attached(p)))
                .orElseGet(() -> new UserPool(id, NOT_FOUND, null, List.of()));
    }

    private List<FunctionState> functions(AwsClients clients, Optional<UserPoolType> pool, Optional<DBInstance> db) {
        Map<String, Optional<FunctionConfiguration>> found;
        try {
            found = DeploymentFunctions.find(clients.lambda(), pool, deployment.functionNames());
        } catch (AwsServiceException e) {
            return List.of(new FunctionState("-", "-", "unknown: " + AwsErrors.describe(e), null, null, null, null));
        }
        List<PoolTriggers.Attached> triggers = pool.map(PoolTriggers::attached).orElse(List.of());
        Optional<String> databaseSecret = db.flatMap(d -> Optional.ofNullable(d.masterUserSecret()))
                .map(secret -> secret.secretArn());
        List<FunctionState> functions = new ArrayList<>();
        found.forEach((name, config) -> {
            String trigger = triggers.stream().filter(t -> t.functionName().equals(name)).map(PoolTriggers.Attached::trigger)
                    .reduce((a, b) -> a + ", " + b).orElse("-");
            functions.add(config.map(f -> new FunctionState(name, trigger, "found", f.stateAsString(), f.lastUpdateStatusAsString(),
                            f.lastModified(), CredentialFreshness.of(f, clients.secretsManager(), databaseSecret)))
                    .orElseGet(() -> new FunctionState(name, trigger, NOT_FOUND + (trigger.equals("-") ? ""
                            : ": the trigger calls a function that does not exist, so sign-ups fail"), null, null, null, null)));
        });
        return functions;
    }

    private BudgetState budget(AwsClients clients) {
        String name = deployment.budgetName();
        return part(() -> {
            String account = clients.sts().getCallerIdentity().account();
            Optional<Budget> budget = BudgetLookup.find(clients.budgets(), account, name);
            return budget.map(b -> new BudgetState(name, "found", BudgetLookup.money(b.budgetLimit()),
                            b.calculatedSpend() == null ? "-" : BudgetLookup.money(b.calculatedSpend().actualSpend()),
                            b.calculatedSpend() == null ? "-" : BudgetLookup.money(b.calculatedSpend().forecastedSpend())))
                    .orElseGet(() -> new BudgetState(name, NOT_FOUND + ": `cruddur cost budget --zero-spend --email ADDRESS`"
                            + " makes it", null, null, null));
        }, failure -> new BudgetState(name, "unknown: " + failure, null, null, null));
    }

    /**
     * One part of the screen; AWS refusing it (a missing permission, say), or a part that cannot
     * be worked out (an instance without a security group), is shown in its place instead of
     * ending the status.
     */
    private static <T> T part(Supplier<T> read, Function<String, T> failed) {
        try {
            return read.get();
        } catch (AwsServiceException e) {
            return failed.apply(AwsErrors.describe(e));
        } catch (CommandFailure e) {
            return failed.apply(e.getMessage());
        }
    }
}
