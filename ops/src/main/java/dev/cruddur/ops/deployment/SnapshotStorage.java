package dev.cruddur.ops.deployment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a manual RDS snapshot costs while it is kept: RDS charges snapshot storage per GB-month,
 * $0.095 in us-east-1 (other regions differ a little). Once the instance is deleted there is no
 * free backup allowance left to absorb it, so every GB of every snapshot is billed. RDS bills the
 * data a snapshot holds, which the instance's allocated storage bounds from above: the estimate
 * here is that bound.
 */
final class SnapshotStorage {

    static final BigDecimal USD_PER_GB_MONTH = new BigDecimal("0.095");

    private SnapshotStorage() {
    }

    /** At most this much a month for a snapshot of an instance with {@code allocatedGb} of storage. */
    static BigDecimal monthlyAtMost(int allocatedGb) {
        return USD_PER_GB_MONTH.multiply(BigDecimal.valueOf(allocatedGb)).setScale(2, RoundingMode.HALF_UP);
    }
}
