package dev.cruddur.lambda;

import java.util.Map;

/**
 * A stand-in for the Lambda runtime in a process of its own (so its logging can be set from
 * the command line): for each URL given, a Pre Sign-up and two Post Confirmation invocations,
 * and what the runtime would send to CloudWatch when one throws (message and stack trace, causes included).
 */
final class TriggerInvocations {

    private TriggerInvocations() {
    }

    public static void main(String[] urlVariables) {
        for (String variable : urlVariables) {
            Map<String, String> environment = Map.of("CONNECTION_URL", System.getenv(variable));
            System.out.println("--- invoking with " + variable);
            try (PreSignUpHandler preSignUp = new PreSignUpHandler(environment);
                 PostConfirmationHandler postConfirmation = new PostConfirmationHandler(environment)) {
                run(() -> preSignUp.handleRequest(CognitoEvents.preSignUp(), new TestContext(variable + "-1")));
                run(() -> postConfirmation.handleRequest(
                        CognitoEvents.postConfirmation(CognitoEvents.CONFIRM_SIGN_UP), new TestContext(variable + "-2")));
                run(() -> postConfirmation.handleRequest(
                        CognitoEvents.postConfirmation(CognitoEvents.CONFIRM_FORGOT_PASSWORD), new TestContext(variable + "-3")));
            }
        }
    }

    private static void run(Runnable invocation) {
        try {
            invocation.run();
            System.out.println("invocation returned");
        } catch (RuntimeException e) {
            System.out.println("invocation threw");
            e.printStackTrace(System.out);
        }
    }
}
