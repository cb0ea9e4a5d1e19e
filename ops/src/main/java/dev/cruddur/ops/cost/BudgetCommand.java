package dev.cruddur.ops.cost;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.aws.DryRunOption;
import dev.cruddur.ops.output.Printer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.DuplicateRecordException;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.Subscriber;

@Command(name = "budget", mixinStandardHelpOptions = true,
        description = {"Create the zero-spend budget (AWS's template: a monthly cost budget that mails when the "
                + "actual spend goes over $0.01), or show it when it exists already.",
                "Budgets is a global service: the SDK sends to the global endpoint of --region's partition "
                        + "(us-east-1 in the commercial partition). The account id comes from STS GetCallerIdentity."},
        footer = {"", "Example:", "  cruddur cost budget --zero-spend --email ops@example.com"})
final class BudgetCommand extends AwsCommand {

    @Option(names = "--zero-spend", required = true,
            description = "The zero-spend budget (the one kind of budget this command makes).")
    boolean zeroSpend;

    @Option(names = "--email", required = true, paramLabel = "ADDRESS",
            description = "Who gets the mail when anything is spent (AWS sends the first mail when spend appears).")
    String email;

    @Option(names = "--budget-name", paramLabel = "NAME", defaultValue = ZeroSpendBudget.DEFAULT_NAME,
            description = "The budget's name (default: \"${DEFAULT-VALUE}\", the name the console's template uses).")
    String name;

    @Mixin
    DryRunOption dryRun;

    /** A budget as printed. */
    record BudgetView(String budgetName, String status, String limit, String timeUnit, List<String> notifications,
                      List<String> subscribers, String spentThisMonth, String account) {
    }

    @Override
    protected void checkArguments() {
        String address = email.strip();
        int at = address.indexOf('@');
        if (at < 1 || at == address.length() - 1 || address.contains(" ")) {
            throw CommandFailure.usage("--email " + email + " is not an email address.");
        }
        email = address;
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        String account = clients.sts().getCallerIdentity().account();
        BudgetsClient budgets = clients.budgets();
        Optional<Budget> existing = find(budgets, account);
        if (existing.isPresent()) {
            BudgetView shown = view(budgets, account, existing.get(), "exists, not changed");
            printer.record(shown);
            if (shown.subscribers().stream().noneMatch(s -> s.toLowerCase(Locale.ROOT).endsWith(" " + email.toLowerCase(Locale.ROOT)))) {
                printer.say(email + " is not among its subscribers; add it in the Billing console (Budgets) if it should be.");
            }
            return 0;
        }
        var request = ZeroSpendBudget.request(account, name, email);
        Changes changes = new Changes(dryRun.enabled(), printer);
        boolean sent;
        try {
            sent = changes.send(request, budgets::createBudget).isPresent();
        } catch (DuplicateRecordException e) {
            // Another run (or the console) created it between our look-up and our create.
            Budget created = find(budgets, account).orElseThrow(() -> e);
            printer.record(view(budgets, account, created, "created meanwhile by another run, not changed"));
            return 0;
        }
        printer.record(new BudgetView(name, sent ? "created" : "would create (dry run)", money(request.budget().budgetLimit()),
                "MONTHLY", List.of(describe(request.notificationsWithSubscribers().get(0).notification())),
                List.of("EMAIL " + email), "-", account));
        if (!sent) {
            printer.say("dry run: would create \"" + name + "\" in account " + account + ", mailing " + email
                    + " when the actual spend of a month goes over $0.01.");
            return 0;
        }
        printer.say("AWS mails " + email + " when the actual spend of a month goes over $0.01. "
                + "Budgets refresh a few times a day, so a charge shows up within hours, not instantly.");
        return 0;
    }

    private Optional<Budget> find(BudgetsClient budgets, String account) {
        return BudgetLookup.find(budgets, account, name);
    }

    private BudgetView view(BudgetsClient budgets, String account, Budget budget, String status) {
        List<String> notifications = new ArrayList<>();
        List<String> subscribers = new ArrayList<>();
        for (Notification notification : budgets.describeNotificationsForBudgetPaginator(
                r -> r.accountId(account).budgetName(budget.budgetName())).notifications()) {
            notifications.add(describe(notification));
            for (Subscriber subscriber : budgets.describeSubscribersForNotificationPaginator(
                    r -> r.accountId(account).budgetName(budget.budgetName()).notification(notification)).subscribers()) {
                String line = subscriber.subscriptionTypeAsString() + " " + subscriber.address();
                if (!subscribers.contains(line)) {
                    subscribers.add(line);
                }
            }
        }
        String spent = budget.calculatedSpend() == null || budget.calculatedSpend().actualSpend() == null
                ? "-" : money(budget.calculatedSpend().actualSpend());
        return new BudgetView(budget.budgetName(), status, money(budget.budgetLimit()), budget.timeUnitAsString(),
                notifications, subscribers, spent, account);
    }

    // ACTUAL > 0.01 (ABSOLUTE_VALUE)
    private static String describe(Notification notification) {
        String operator = switch (notification.comparisonOperatorAsString()) {
            case "GREATER_THAN" -> ">";
            case "LESS_THAN" -> "<";
            case "EQUAL_TO" -> "=";
            default -> notification.comparisonOperatorAsString();
        };
        String threshold = BigDecimal.valueOf(notification.threshold()).stripTrailingZeros().toPlainString();
        String type = notification.thresholdTypeAsString();
        return notification.notificationTypeAsString() + " " + operator + " "
                + ("PERCENTAGE".equals(type) ? threshold + "%" : threshold + " (" + type + ")");
    }

    private static String money(Spend spend) {
        return BudgetLookup.money(spend);
    }
}
