package dev.cruddur.ops.deployment;

import dev.cruddur.ops.cognito.PoolTriggers;
import dev.cruddur.ops.lambda.CruddurFunctions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * The functions of a deployment: those the pool's triggers call, those running a Cruddur
 * handler in the region, and those named with {@code --function-name}, each once, as GetFunction
 * describes it (empty when it is gone).
 */
final class DeploymentFunctions {

    private DeploymentFunctions() {
    }

    static Map<String, Optional<FunctionConfiguration>> find(LambdaClient lambda, Optional<UserPoolType> pool, Set<String> named) {
        Set<String> names = new LinkedHashSet<>();
        pool.ifPresent(p -> PoolTriggers.attached(p).forEach(trigger -> names.add(trigger.functionName())));
        names.addAll(CruddurFunctions.inRegion(lambda));
        names.addAll(named);
        Map<String, Optional<FunctionConfiguration>> found = new LinkedHashMap<>();
        for (String name : names) {
            found.put(name, CruddurFunctions.find(lambda, name));
        }
        return found;
    }
}
