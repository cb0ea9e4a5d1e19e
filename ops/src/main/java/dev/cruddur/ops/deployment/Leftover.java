package dev.cruddur.ops.deployment;

import java.math.BigDecimal;

/**
 * Something a teardown leaves in the account, on purpose or because it was never ours.
 *
 * @param usdPerMonth what it still costs a month (an upper bound for a snapshot); null when it is free
 */
record Leftover(String kind, String name, String size, BigDecimal usdPerMonth, String note) {
}
