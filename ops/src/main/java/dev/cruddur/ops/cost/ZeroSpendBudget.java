package dev.cruddur.ops.cost;

import java.math.BigDecimal;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.ComparisonOperator;
import software.amazon.awssdk.services.budgets.model.CostTypes;
import software.amazon.awssdk.services.budgets.model.CreateBudgetRequest;
import software.amazon.awssdk.services.budgets.model.Notification;
import software.amazon.awssdk.services.budgets.model.NotificationType;
import software.amazon.awssdk.services.budgets.model.NotificationWithSubscribers;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.SubscriptionType;
import software.amazon.awssdk.services.budgets.model.ThresholdType;
import software.amazon.awssdk.services.budgets.model.TimeUnit;

/**
 * The budget AWS's own "Zero spend budget" template creates in the Billing console: a monthly
 * cost budget of 1.00 USD whose one notification mails as soon as the ACTUAL spend is greater
 * than 0.01 USD (an absolute value, not a percentage of the limit). The limit itself only shapes
 * the console's bar; the notification is what fires on the first cent.
 *
 * <p>Credits and refunds are left out, as in the template: an account on promotional credits
 * would otherwise net every charge to zero and never hear about it.
 */
public final class ZeroSpendBudget {

    /** The template's own name, so a budget created in the console is found instead of duplicated. */
    public static final String DEFAULT_NAME = "My Zero-Spend Budget";
    static final BigDecimal LIMIT_USD = new BigDecimal("1.00");
    static final double THRESHOLD_USD = 0.01;

    private ZeroSpendBudget() {
    }

    static CreateBudgetRequest request(String accountId, String name, String email) {
        Budget budget = Budget.builder()
                .budgetName(name)
                .budgetType(BudgetType.COST)
                .timeUnit(TimeUnit.MONTHLY)
                .budgetLimit(Spend.builder().amount(LIMIT_USD).unit("USD").build())
                .costTypes(CostTypes.builder()
                        .includeCredit(false).includeRefund(false)
                        .includeDiscount(true).includeOtherSubscription(true).includeRecurring(true)
                        .includeSubscription(true).includeSupport(true).includeTax(true).includeUpfront(true)
                        .useAmortized(false).useBlended(false)
                        .build())
                .build();
        NotificationWithSubscribers onAnySpend = NotificationWithSubscribers.builder()
                .notification(Notification.builder()
                        .notificationType(NotificationType.ACTUAL)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN)
                        .threshold(THRESHOLD_USD)
                        .thresholdType(ThresholdType.ABSOLUTE_VALUE)
                        .build())
                .subscribers(s -> s.subscriptionType(SubscriptionType.EMAIL).address(email))
                .build();
        return CreateBudgetRequest.builder()
                .accountId(accountId)
                .budget(budget)
                .notificationsWithSubscribers(onAnySpend)
                .build();
    }
}
