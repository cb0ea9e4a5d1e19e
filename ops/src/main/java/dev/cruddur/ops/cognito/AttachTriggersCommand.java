package dev.cruddur.ops.cognito;

import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.AwsErrors;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.aws.DryRunOption;
import dev.cruddur.ops.output.OutputFormat;
import dev.cruddur.ops.output.Printer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LambdaConfigType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;

@Command(name = "attach-triggers", mixinStandardHelpOptions = true,
        description = {"Attach the Lambda triggers to the user pool and let Cognito invoke them.",
                "Grants lambda:InvokeFunction to cognito-idp.amazonaws.com for this pool (Lambda AddPermission), "
                        + "then sends the pool's own settings back with only the triggers changed "
                        + "(UpdateUserPool resets whatever it is not given). Other triggers stay."},
        footer = {"", "Example:", "  cruddur cognito attach-triggers --user-pool-id us-east-1_AbCdEf123 \\",
                "      --post-confirmation arn:aws:lambda:us-east-1:123456789012:function:cruddur-PostConfirmation \\",
                "      --pre-sign-up arn:aws:lambda:us-east-1:123456789012:function:cruddur-PreSignUp"})
final class AttachTriggersCommand extends AwsCommand {

    @Option(names = "--user-pool-id", required = true, paramLabel = "ID", description = "The user pool, e.g. us-east-1_AbCdEf123.")
    String userPoolId;

    @Option(names = "--post-confirmation", required = true, paramLabel = "ARN",
            description = "The Post confirmation function's ARN (registers the person in the database).")
    String postConfirmation;

    @Option(names = "--pre-sign-up", paramLabel = "ARN",
            description = "The Pre sign-up function's ARN (refuses a taken handle); left as it is when not given.")
    String preSignUp;

    @Mixin
    DryRunOption dryRun;

    /** One trigger as printed: what it was, what it is now. */
    record TriggerChange(String trigger, String before, String after, String change) {
    }

    /** The whole answer, for {@code --output json}. */
    record Result(String userPoolId, String userPoolArn, List<TriggerChange> triggers,
                  List<InvokePermission.Grant> permissions, String userPool) {
    }

    @Override
    protected void checkArguments() {
        for (Map.Entry<Trigger, String> wanted : wanted().entrySet()) {
            String arn = wanted.getValue();
            if (!arn.startsWith("arn:") || !arn.contains(":lambda:") || !arn.contains(":function:")) {
                throw CommandFailure.usage("--" + wanted.getKey().flag() + " " + arn + " is not a Lambda function ARN "
                        + "(arn:aws:lambda:REGION:ACCOUNT:function:NAME); Cognito needs the ARN. "
                        + "`cruddur lambda deploy` prints it.");
            }
        }
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        CognitoIdentityProviderClient cognito = clients.cognitoIdentityProvider();
        UserPoolType pool = cognito.describeUserPool(r -> r.userPoolId(userPoolId)).userPool();
        Changes changes = new Changes(dryRun.enabled(), printer);

        // Permission first: once the pool names a function, sign-ups call it.
        InvokePermission permission = new InvokePermission(clients.lambda(), changes);
        List<InvokePermission.Grant> grants = new ArrayList<>();
        LambdaConfigType.Builder config = pool.lambdaConfig() == null
                ? LambdaConfigType.builder() : pool.lambdaConfig().toBuilder();
        List<TriggerChange> triggers = new ArrayList<>();
        for (Map.Entry<Trigger, String> wanted : wanted().entrySet()) {
            Trigger trigger = wanted.getKey();
            String arn = wanted.getValue();
            grants.add(permission.grant(trigger, arn, pool.arn()));
            String before = trigger.current(pool.lambdaConfig());
            trigger.set(config, arn);
            triggers.add(new TriggerChange(trigger.configName(), Objects.requireNonNullElse(before, "-"), arn,
                    before == null ? "attached" : before.equals(arn) ? "unchanged" : "replaced"));
        }

        String outcome;
        if (triggers.stream().allMatch(t -> t.change().equals("unchanged"))) {
            outcome = "not updated: the triggers were attached already";
        } else {
            outcome = send(cognito, changes, pool, printer) ? "updated: only its Lambda triggers changed" : "dry run, not sent";
        }

        if (printer.format() == OutputFormat.JSON) {
            printer.record(new Result(pool.id(), pool.arn(), triggers, grants, outcome));
            return 0;
        }
        printer.rows(triggers, TriggerChange.class);
        printer.say("");
        printer.rows(grants, InvokePermission.Grant.class);
        printer.say("");
        printer.say("User pool " + pool.id() + " (" + pool.name() + "): " + outcome + ".");
        return 0;
    }

    private boolean send(CognitoIdentityProviderClient cognito, Changes changes, UserPoolType pool, Printer printer) {
        try {
            // Built from the pool as it is at each try: a retry after a concurrent change keeps that change.
            return UserPoolWrite.send(cognito, changes, pool, current -> {
                LambdaConfigType.Builder config = current.lambdaConfig() == null
                        ? LambdaConfigType.builder() : current.lambdaConfig().toBuilder();
                wanted().forEach((trigger, arn) -> trigger.set(config, arn));
                return Optional.of(UserPoolUpdate.of(current, config.build()));
            }, printer);
        } catch (InvalidParameterException e) {
            // Cognito refused the pool's own settings sent back (see UserPoolUpdate): nothing changed.
            throw CommandFailure.failed(AwsErrors.describe(e) + " (UpdateUserPool sends back every setting of the pool "
                    + "and Cognito refused one of them as it is, so nothing was changed; the Lambda permissions are "
                    + "in place. Attach the triggers in the console instead: User pool > Extensions > Add Lambda "
                    + "trigger)", e);
        }
    }

    private Map<Trigger, String> wanted() {
        Map<Trigger, String> wanted = new LinkedHashMap<>();
        if (preSignUp != null) {
            wanted.put(Trigger.PRE_SIGN_UP, preSignUp.strip());
        }
        wanted.put(Trigger.POST_CONFIRMATION, postConfirmation.strip());
        return wanted;
    }
}
