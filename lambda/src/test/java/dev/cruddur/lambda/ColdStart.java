package dev.cruddur.lambda;

import static dev.cruddur.lambda.CognitoEvents.ALICE_SUB;
import static dev.cruddur.lambda.CognitoEvents.CONFIRM_FORGOT_PASSWORD;
import static dev.cruddur.lambda.CognitoEvents.CONFIRM_SIGN_UP;
import static dev.cruddur.lambda.CognitoEvents.postConfirmation;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;

/**
 * What a Lambda cold start does, in a fresh JVM on the built jar: construct the handler as the
 * runtime does (no-arg, configuration from the environment), read one Cognito event from JSON,
 * handle it, then handle a second one warm. Prints wall-clock instants; {@link ColdStartIT}
 * launches it and turns them into durations from the moment it started the JVM.
 *
 * <p>Arguments: the {@code sub} and handle of the person to register.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) {
        long mainAt = System.currentTimeMillis();
        String sub = args[0];
        String handle = args[1];
        try (PostConfirmationHandler handler = new PostConfirmationHandler()) {
            long constructedAt = System.currentTimeMillis();
            CognitoUserPoolPostConfirmationEvent event = postConfirmation(CONFIRM_SIGN_UP,
                    ALICE_SUB, sub, "\"alice\"", "\"" + handle + "\"");
            handler.handleRequest(event, new TestContext("cold-start-1"));
            long returnedAt = System.currentTimeMillis();
            // CPU used by the whole process so far (all threads): unlike the wall clock, hardly
            // moved by other processes competing for the machine
            long cpuMillis = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);

            long warmStart = System.nanoTime();
            handler.handleRequest(postConfirmation(CONFIRM_FORGOT_PASSWORD, ALICE_SUB, sub, "\"alice\"", "\"" + handle + "\""),
                    new TestContext("cold-start-2"));
            double warmMillis = (System.nanoTime() - warmStart) / 1e6;

            System.out.printf("cold-start main_at=%d constructed_at=%d returned_at=%d warm_ms=%.1f cpu_ms=%d java=%s%n",
                    mainAt, constructedAt, returnedAt, warmMillis, cpuMillis, Runtime.version());
        }
    }
}
