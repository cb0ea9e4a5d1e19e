package dev.cruddur.ops.rds;

import dev.cruddur.ops.OpsFailure;
import dev.cruddur.ops.output.Printer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Polls DescribeDBInstances until an instance reaches one of the wanted states (or is gone),
 * printing each change of state as progress. RDS takes minutes for anything; this is how a
 * command shows it is still alive without printing the same line every 15 seconds.
 */
final class InstanceWaiter {

    private final RdsClient rds;
    private final Printer printer;
    private final Duration interval;
    private final Duration timeout;

    InstanceWaiter(RdsClient rds, Printer printer, WaitOptions options) {
        this(rds, printer, options.pollInterval(), options.timeout());
    }

    InstanceWaiter(RdsClient rds, Printer printer, Duration interval, Duration timeout) {
        this.rds = rds;
        this.printer = printer;
        this.interval = interval;
        this.timeout = timeout;
    }

    /** Waits until the instance is in one of {@code states}; returns it as last described. */
    DBInstance until(String identifier, Set<String> states) {
        return poll(identifier, states, false).orElseThrow();
    }

    /** Waits until DescribeDBInstances no longer knows the instance. */
    void untilGone(String identifier) {
        poll(identifier, Set.of(), true);
    }

    private Optional<DBInstance> poll(String identifier, Set<String> states, boolean gone) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long started = System.nanoTime();
        String last = null;
        while (true) {
            Optional<DBInstance> instance = DbInstances.find(rds, identifier);
            String state = instance.map(DBInstance::dbInstanceStatus).orElse("gone");
            if (!state.equals(last)) {
                printer.progress("%s: %s (after %s)".formatted(identifier, state,
                        DurationConverter.format(Duration.ofNanos(System.nanoTime() - started).withNanos(0))));
                last = state;
            }
            if (gone ? instance.isEmpty() : instance.isPresent() && states.contains(state)) {
                return instance;
            }
            if (instance.isEmpty()) {
                throw OpsFailure.failed("DB instance " + identifier + " disappeared while waiting for it to be "
                        + String.join(" or ", states) + " (check the RDS console's events)");
            }
            if (System.nanoTime() >= deadline) {
                throw OpsFailure.failed("DB instance %s is still %s after %s; RDS carries on without us (check with `cruddur rds status`, or wait longer with --timeout)"
                        .formatted(identifier, state, DurationConverter.format(timeout)));
            }
            sleep();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OpsFailure.failed("Interrupted while waiting for RDS");
        }
    }
}
