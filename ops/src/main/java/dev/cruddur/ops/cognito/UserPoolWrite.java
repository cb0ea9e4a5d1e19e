package dev.cruddur.ops.cognito;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.output.Printer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ConcurrentModificationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/**
 * Sends the {@code UpdateUserPool} that changes a pool's triggers. Cognito refuses it with
 * {@code ConcurrentModificationException} while another change to the pool is being applied (a
 * console edit, a second operator, a deploy pipeline). The request carries every setting of the
 * pool, so it is built again from a fresh {@code DescribeUserPool} before each new try: resending
 * the old copy would undo the change that got in first. A few tries, a short backoff, then give up.
 */
final class UserPoolWrite {

    static final int ATTEMPTS = 4;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private UserPoolWrite() {
    }

    /**
     * @param pool  the pool as last described
     * @param build the request for the pool as it is; empty when it needs no change
     * @return whether a request was sent (not under --dry-run, and not when nothing changes)
     */
    static boolean send(CognitoIdentityProviderClient cognito, Changes changes, UserPoolType pool,
                        Function<UserPoolType, Optional<UpdateUserPoolRequest>> build, Printer printer) {
        UserPoolType current = pool;
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            Optional<UpdateUserPoolRequest> request = build.apply(current);
            if (request.isEmpty()) {
                return false;
            }
            try {
                return changes.send(request.get(), cognito::updateUserPool).isPresent();
            } catch (ConcurrentModificationException e) {
                if (attempt == ATTEMPTS) {
                    throw CommandFailure.failed("Cognito was still applying another change to " + current.id() + " after "
                            + ATTEMPTS + " tries (ConcurrentModificationException); nothing was changed, run this again"
                            + " in a minute.", e);
                }
                printer.progress("Cognito is applying another change to " + current.id() + "; reading it again and"
                        + " retrying in " + backoff.toMillis() + " ms.");
                pause(backoff);
                backoff = backoff.multipliedBy(2);
                String id = current.id();
                current = cognito.describeUserPool(r -> r.userPoolId(id)).userPool();
            }
        }
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.failed("Interrupted while waiting to update the user pool");
        }
    }
}
