package dev.cruddur.ops.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsErrors;
import dev.cruddur.ops.aws.Changes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Lets Cognito invoke a trigger's function: a statement in the function's resource policy for
 * the principal {@code cognito-idp.amazonaws.com}, limited to this user pool by its ARN. The
 * statement id is fixed per trigger, so running the command again finds its own statement.
 */
public final class InvokePermission {

    static final String PRINCIPAL = "cognito-idp.amazonaws.com";
    static final String ACTION = "lambda:InvokeFunction";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One permission as printed. */
    public record Grant(String trigger, String function, String statementId, String result) {
    }

    private final LambdaClient lambda;
    private final Changes changes;

    InvokePermission(LambdaClient lambda, Changes changes) {
        this.lambda = lambda;
        this.changes = changes;
    }

    static AddPermissionRequest request(Trigger trigger, String functionArn, String userPoolArn) {
        return AddPermissionRequest.builder()
                .functionName(functionArn)
                .statementId(trigger.statementId())
                .action(ACTION)
                .principal(PRINCIPAL)
                .sourceArn(userPoolArn)
                .build();
    }

    Grant grant(Trigger trigger, String functionArn, String userPoolArn) {
        AddPermissionRequest request = request(trigger, functionArn, userPoolArn);
        try {
            String result = changes.send(request, lambda::addPermission).map(r -> "granted").orElse("dry run, not sent");
            return new Grant(trigger.configName(), functionArn, trigger.statementId(), result);
        } catch (ResourceConflictException e) {
            return new Grant(trigger.configName(), functionArn, trigger.statementId(),
                    existing(trigger, functionArn, userPoolArn, e));
        }
    }

    /**
     * A conflict means the statement id is taken. That is our own statement from an earlier run
     * when it names this pool; a statement for another pool would leave this one unable to
     * invoke the function, so that stops the command.
     */
    private String existing(Trigger trigger, String functionArn, String userPoolArn, ResourceConflictException conflict) {
        Optional<JsonNode> statement;
        try {
            statement = statement(functionArn, trigger.statementId());
        } catch (SdkException | IOException e) {
            String why = e instanceof SdkException sdk ? AwsErrors.describe(sdk) : "the policy is not JSON";
            return "already granted (statement exists; could not compare it: " + why + ")";
        }
        if (statement.isEmpty()) {
            // The conflict was about something else (an update in progress): report it as it is.
            throw conflict;
        }
        String sourceArn = statement.get().path("Condition").path("ArnLike").path("AWS:SourceArn").asText("");
        if (sourceArn.equals(userPoolArn)) {
            return "already granted";
        }
        throw CommandFailure.failed("Lambda " + functionArn + " has a statement " + trigger.statementId()
                + " for another source (" + (sourceArn.isEmpty() ? "none" : sourceArn) + "), so Cognito could not "
                + "invoke it for this pool. Remove it (aws lambda remove-permission --function-name " + functionArn
                + " --statement-id " + trigger.statementId() + ") and run this again.");
    }

    /**
     * The statement ids of the invoke permissions this tool granted on {@code function}
     * ({@code cruddur-cognito-...}); none when the function has no policy or is gone (Lambda's
     * ResourceNotFoundException either way).
     */
    public static List<String> grantedOn(LambdaClient lambda, String function) {
        String policy;
        try {
            policy = lambda.getPolicy(r -> r.functionName(function)).policy();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try {
            for (JsonNode statement : JSON.readTree(policy).path("Statement")) {
                String sid = statement.path("Sid").asText("");
                if (sid.startsWith(Trigger.STATEMENT_PREFIX)) {
                    ids.add(sid);
                }
            }
        } catch (IOException e) {
            throw CommandFailure.failed("Lambda returned a policy of " + function + " that is not JSON", e);
        }
        return ids;
    }

    private Optional<JsonNode> statement(String functionArn, String statementId) throws IOException {
        String policy = lambda.getPolicy(r -> r.functionName(functionArn)).policy();
        for (JsonNode statement : JSON.readTree(policy).path("Statement")) {
            if (statementId.equals(statement.path("Sid").asText())) {
                return Optional.of(statement);
            }
        }
        return Optional.empty();
    }
}
