package dev.cruddur.ops.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What public IPv4 addresses cost: since February 2024 AWS bills every in-use or idle public
 * IPv4 address at $0.005 per hour, attached or not, whatever holds it. A month is taken as 730
 * hours (AWS's own convention in its pricing pages), so one address is $3.65 a month.
 */
public final class Ipv4Price {

    /** {@code $0.005}, for help texts (a compile-time constant, so annotations can use it) and messages. */
    public static final String PER_HOUR = "$0.005";
    /** {@code $3.65}: {@link #PER_HOUR} times {@link #HOURS_PER_MONTH} (Ipv4PriceTest checks the two agree). */
    public static final String PER_MONTH = "$3.65";
    public static final BigDecimal PER_HOUR_USD = new BigDecimal(PER_HOUR.substring(1));
    public static final int HOURS_PER_MONTH = 730;
    static final BigDecimal PER_MONTH_USD = PER_HOUR_USD.multiply(BigDecimal.valueOf(HOURS_PER_MONTH));

    private Ipv4Price() {
    }

    public static BigDecimal hourly(int addresses) {
        return PER_HOUR_USD.multiply(BigDecimal.valueOf(addresses)).setScale(3, RoundingMode.UNNECESSARY);
    }

    public static BigDecimal monthly(int addresses) {
        return PER_MONTH_USD.multiply(BigDecimal.valueOf(addresses)).setScale(2, RoundingMode.UNNECESSARY);
    }
}
