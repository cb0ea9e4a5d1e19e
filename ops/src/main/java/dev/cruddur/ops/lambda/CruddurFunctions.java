package dev.cruddur.ops.lambda;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The functions {@code lambda deploy} made, told apart by their handler: one of the lambda
 * module's classes. Lambda has no tag of ours on them, and the pool's triggers stop naming them
 * once detached, so the handler is what finds them again, whatever they are called.
 */
public final class CruddurFunctions {

    /** The package of every handler the lambda module builds. */
    static final String HANDLER_PACKAGE = "dev.cruddur.lambda.";

    private CruddurFunctions() {
    }

    /** Whether the function runs one of Cruddur's handlers. */
    public static boolean isCruddur(FunctionConfiguration function) {
        return function.handler() != null && function.handler().startsWith(HANDLER_PACKAGE);
    }

    /** The names of the region's Cruddur functions (ListFunctions, every page). */
    public static List<String> inRegion(LambdaClient lambda) {
        return lambda.listFunctionsPaginator(r -> { }).functions().stream()
                .filter(CruddurFunctions::isCruddur).map(FunctionConfiguration::functionName).toList();
    }

    /** The function as GetFunction describes it (with its State), or empty when Lambda says ResourceNotFoundException. */
    public static Optional<FunctionConfiguration> find(LambdaClient lambda, String name) {
        try {
            return Optional.of(lambda.getFunction(r -> r.functionName(name)).configuration());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The inline policy {@code lambda deploy --database-secret-arn} put on the function's role: its name. */
    public static String secretPolicyName(String functionName) {
        return SecretReadPolicy.name(functionName);
    }

    /** The role's name in its ARN. */
    public static String roleName(String roleArn) {
        return SecretReadPolicy.roleName(roleArn);
    }

    /** {@code /aws/lambda/NAME}: where Lambda writes the function's logs (it creates the group on first run). */
    public static String logGroup(String functionName) {
        return "/aws/lambda/" + functionName;
    }
}
