package dev.cruddur.ops.cognito;

import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.output.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

/** A user pool's Cruddur triggers (pre sign-up, post confirmation), for a status and a teardown. */
public final class PoolTriggers {

    /** One trigger of the pool and the function it calls. */
    public record Attached(String trigger, String functionArn) {

        /** The function's name in its ARN ({@code ...:function:NAME[:QUALIFIER]}). */
        public String functionName() {
            return PoolTriggers.functionName(functionArn);
        }
    }

    private PoolTriggers() {
    }

    /** The pool, or empty when Cognito says ResourceNotFoundException. */
    public static Optional<UserPoolType> find(CognitoIdentityProviderClient cognito, String userPoolId) {
        try {
            return Optional.of(cognito.describeUserPool(r -> r.userPoolId(userPoolId)).userPool());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The pool's pre sign-up and post confirmation triggers that are set. */
    public static List<Attached> attached(UserPoolType pool) {
        List<Attached> attached = new ArrayList<>();
        for (Trigger trigger : Trigger.values()) {
            String arn = trigger.current(pool.lambdaConfig());
            if (arn != null) {
                attached.add(new Attached(trigger.configName(), arn));
            }
        }
        return attached;
    }

    /**
     * Detaches the triggers that call one of {@code functionNames}, sending the pool's own
     * settings back with only those triggers removed (see {@link UserPoolUpdate}); a pool where
     * none is attached any more is not updated.
     *
     * @return whether an update was sent (not under --dry-run)
     */
    public static boolean detach(CognitoIdentityProviderClient cognito, Changes changes, UserPoolType pool,
                                 Set<String> functionNames, Printer printer) {
        return UserPoolWrite.send(cognito, changes, pool, current -> {
            LambdaConfigType.Builder config = current.lambdaConfig() == null
                    ? LambdaConfigType.builder() : current.lambdaConfig().toBuilder();
            boolean changed = false;
            for (Trigger trigger : Trigger.values()) {
                String arn = trigger.current(current.lambdaConfig());
                if (arn != null && functionNames.contains(functionName(arn))) {
                    trigger.set(config, null);
                    changed = true;
                }
            }
            return changed ? Optional.of(UserPoolUpdate.of(current, config.build())) : Optional.empty();
        }, printer);
    }

    /** {@code arn:aws:lambda:us-east-1:123456789012:function:cruddur-PreSignUp} -> {@code cruddur-PreSignUp}; a name stays a name. */
    public static String functionName(String functionArn) {
        int at = functionArn.indexOf(":function:");
        if (at < 0) {
            return functionArn;
        }
        String rest = functionArn.substring(at + ":function:".length());
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }
}
