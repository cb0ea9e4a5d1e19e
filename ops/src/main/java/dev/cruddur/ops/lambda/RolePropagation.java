package dev.cruddur.ops.lambda;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.DurationConverter;
import dev.cruddur.ops.aws.Polling;
import dev.cruddur.ops.output.Printer;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

/**
 * A role made a moment ago is not usable by Lambda until IAM has propagated it (seconds, rarely
 * a minute): until then CreateFunction and UpdateFunctionConfiguration are refused with
 * {@code InvalidParameterValueException} "cannot be assumed by Lambda". That one refusal is
 * retried for a bounded time, with a line of progress each time; anything else fails at once.
 */
final class RolePropagation {

    private static final String NOT_ASSUMABLE = "cannot be assumed by Lambda";

    private final String role;
    private final Printer printer;
    private final Duration interval;
    private final Duration limit;

    RolePropagation(String role, Printer printer, Duration interval, Duration limit) {
        this.role = role;
        this.printer = printer;
        this.interval = interval;
        this.limit = limit;
    }

    <T> T call(Supplier<T> send) {
        Polling polling = new Polling(interval, limit);
        while (true) {
            try {
                return send.get();
            } catch (InvalidParameterValueException e) {
                String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
                if (message == null || !message.contains(NOT_ASSUMABLE)) {
                    throw e;
                }
                if (polling.expired()) {
                    throw CommandFailure.failed("Lambda still cannot assume " + role + " after " + DurationConverter.format(limit)
                            + ": check that the role's trust policy lets the service lambda.amazonaws.com call "
                            + "sts:AssumeRole, then run the command again.", e);
                }
                printer.progress("Lambda cannot assume " + role + " yet (IAM takes a few seconds to make a new role "
                        + "usable); trying again (" + DurationConverter.format(polling.elapsed()) + " so far).");
                polling.pause("IAM to make " + role + " usable");
            }
        }
    }
}
