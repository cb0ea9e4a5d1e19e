package dev.cruddur.ops.cost;

import java.math.RoundingMode;
import java.util.Optional;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.NotFoundException;
import software.amazon.awssdk.services.budgets.model.Spend;

/** Reads a budget by name; a missing budget is an answer here, not an error. */
public final class BudgetLookup {

    private BudgetLookup() {
    }

    /** The budget, or empty when Budgets says NotFoundException. */
    public static Optional<Budget> find(BudgetsClient budgets, String account, String name) {
        try {
            return Optional.of(budgets.describeBudget(r -> r.accountId(account).budgetName(name)).budget());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@code 1.00 USD}; {@code -} for none. */
    public static String money(Spend spend) {
        return spend == null || spend.amount() == null ? "-"
                : spend.amount().setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + spend.unit();
    }
}
