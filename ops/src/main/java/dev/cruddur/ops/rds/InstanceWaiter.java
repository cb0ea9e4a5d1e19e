package dev.cruddur.ops.rds;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.DurationConverter;
import dev.cruddur.ops.aws.Polling;
import dev.cruddur.ops.output.Printer;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Polls DescribeDBInstances until an instance reaches one of the wanted states (or is gone),
 * printing each change of state as progress. RDS takes minutes for anything; this is how a
 * command shows it is still alive without printing the same line every 15 seconds. A state the
 * instance never leaves by itself ({@link InstanceStates#NEEDS_A_PERSON}) ends the wait at once.
 */
public final class InstanceWaiter {

    private final RdsClient rds;
    private final Printer printer;
    private final WaitOptions options;

    public InstanceWaiter(RdsClient rds, Printer printer, WaitOptions options) {
        this.rds = rds;
        this.printer = printer;
        this.options = options;
    }

    /** Waits until the instance is in one of {@code states}; returns it as last described. */
    DBInstance until(String identifier, Set<String> states) {
        return poll(identifier, states, false).orElseThrow();
    }

    /** Waits until DescribeDBInstances no longer knows the instance. */
    public void untilGone(String identifier) {
        poll(identifier, Set.of(), true);
    }

    private Optional<DBInstance> poll(String identifier, Set<String> states, boolean gone) {
        Polling polling = options.start();
        String wanted = gone ? "gone" : String.join(" or ", states);
        String last = null;
        while (true) {
            Optional<DBInstance> instance = DbInstances.find(rds, identifier);
            String state = instance.map(DBInstance::dbInstanceStatus).orElse("gone");
            if (!state.equals(last)) {
                printer.progress("%s: %s (after %s)".formatted(identifier, state, DurationConverter.format(polling.elapsed())));
                last = state;
            }
            if (gone ? instance.isEmpty() : instance.isPresent() && states.contains(state)) {
                return instance;
            }
            if (instance.isEmpty()) {
                throw CommandFailure.failed("DB instance " + identifier + " disappeared while waiting for it to be "
                        + wanted + " (check the RDS console's events)");
            }
            if (InstanceStates.NEEDS_A_PERSON.contains(state)) {
                throw CommandFailure.failed(("DB instance %s is %s: it will not become %s by waiting (see its events in the RDS console,"
                        + " or `aws rds describe-events --source-type db-instance --source-identifier %s`)")
                        .formatted(identifier, state, wanted, identifier));
            }
            if (polling.expired()) {
                throw CommandFailure.failed("DB instance %s is still %s after %s; RDS carries on without us (check with `cruddur rds status`, or wait longer with --timeout)"
                        .formatted(identifier, state, DurationConverter.format(polling.timeout())));
            }
            polling.pause("RDS");
        }
    }
}
