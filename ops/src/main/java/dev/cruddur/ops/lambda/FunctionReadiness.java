package dev.cruddur.ops.lambda;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.DurationConverter;
import dev.cruddur.ops.aws.Polling;
import dev.cruddur.ops.output.Printer;
import java.time.Duration;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * Waits until a function can take the next change. Lambda applies code and configuration
 * asynchronously: while {@code State} is {@code Pending} (just created; a VPC function sets up
 * its network interfaces) or {@code LastUpdateStatus} is {@code InProgress}, another update is
 * refused with ResourceConflictException.
 */
final class FunctionReadiness {

    private final LambdaClient lambda;
    private final Printer printer;
    private final Duration interval;
    private final Duration limit;

    FunctionReadiness(LambdaClient lambda, Printer printer, Duration interval, Duration limit) {
        this.lambda = lambda;
        this.printer = printer;
        this.interval = interval;
        this.limit = limit;
    }

    GetFunctionConfigurationResponse await(String functionName) {
        Polling polling = new Polling(interval, limit);
        while (true) {
            GetFunctionConfigurationResponse config = lambda.getFunctionConfiguration(r -> r.functionName(functionName));
            String state = config.stateAsString();
            String update = config.lastUpdateStatusAsString();
            if ("Failed".equals(state)) {
                throw CommandFailure.failed("Lambda function " + functionName + " failed to start: " + config.stateReason()
                        + " (" + config.stateReasonCodeAsString() + ")");
            }
            if ("Failed".equals(update)) {
                throw CommandFailure.failed("Lambda function " + functionName + ": the update failed: "
                        + config.lastUpdateStatusReason() + " (" + config.lastUpdateStatusReasonCodeAsString() + ")");
            }
            boolean ready = (state == null || "Active".equals(state) || "Inactive".equals(state))
                    && (update == null || "Successful".equals(update));
            if (ready) {
                return config;
            }
            if (polling.expired()) {
                throw CommandFailure.failed("Lambda function " + functionName + " is still " + state + " / " + update
                        + " after " + DurationConverter.format(limit) + "; check it with `aws lambda get-function-configuration "
                        + "--function-name " + functionName + "` and run this again.");
            }
            printer.progress("waiting for " + functionName + ": State " + state + ", LastUpdateStatus " + update);
            polling.pause("the function");
        }
    }
}
