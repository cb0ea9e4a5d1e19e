package dev.cruddur.ops.lambda;

import dev.cruddur.ops.Environment;
import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.aws.AwsClients;
import dev.cruddur.ops.aws.AwsCommand;
import dev.cruddur.ops.aws.Changes;
import dev.cruddur.ops.aws.DryRunOption;
import dev.cruddur.ops.aws.DurationConverter;
import dev.cruddur.ops.cognito.Trigger;
import dev.cruddur.ops.output.Printer;
import dev.cruddur.ops.rds.DbInstanceOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.Layer;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.VpcConfig;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Create or update a Cognito trigger function from the jar the lambda module builds "
                + "(java21, x86_64), and print its ARN.",
                "With --database-secret-arn (a Secrets Manager secret {\"username\",\"password\"}, e.g. the one RDS "
                        + "manages and rotates) the function reads the user and password from the secret itself, through "
                        + "the AWS Parameters and Secrets Lambda Extension layer this command adds; its role is granted "
                        + "secretsmanager:GetSecretValue on that secret (and kms:Decrypt with a customer managed key), and "
                        + "its CONNECTION_URL holds no password. Only with --database-url-from-env is a whole URL from "
                        + "DATABASE_URL (else CONNECTION_URL) in the environment copied, password included; it is never "
                        + "a flag's value and never printed. A new function needs one of the two; without either, an "
                        + "update keeps the function's environment as it is."},
        footer = {"", "Examples:",
                "  ./mvnw -pl lambda -am package",
                "  cruddur lambda deploy --function-name cruddur-PostConfirmation \\",
                "      --role arn:aws:iam::123456789012:role/cruddur-lambda \\",
                "      --database-secret-arn arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur-lambda-db-AbCd \\",
                "      --subnet-ids subnet-0a,subnet-0b --security-group-ids sg-0lambda",
                "  cruddur lambda deploy --function-name cruddur-PreSignUp --trigger pre-sign-up --role arn:aws:iam::123456789012:role/cruddur-lambda"})
final class DeployCommand extends AwsCommand {

    /** Lambda's limit for a zip uploaded in the request itself; bigger ones go through S3. */
    static final long DIRECT_UPLOAD_LIMIT = 50L * 1024 * 1024;

    @Option(names = "--function-name", required = true, paramLabel = "NAME", description = "The function, e.g. cruddur-PostConfirmation.")
    String functionName;

    @Option(names = "--role", required = true, paramLabel = "ARN",
            description = "The execution role (AWSLambdaBasicExecutionRole, or AWSLambdaVPCAccessExecutionRole in a VPC).")
    String role;

    @Option(names = "--jar", paramLabel = "PATH", defaultValue = "lambda/target/cruddur-lambda.jar",
            description = "The deployable jar (default: ${DEFAULT-VALUE}).")
    Path jar;

    @Option(names = "--trigger", paramLabel = "TRIGGER", defaultValue = "post-confirmation",
            converter = Trigger.Converter.class,
            description = "post-confirmation or pre-sign-up: picks the handler (default: ${DEFAULT-VALUE}).")
    Trigger trigger;

    @Option(names = "--handler", paramLabel = "CLASS::METHOD", description = "Overrides the handler --trigger picks.")
    String handler;

    @Option(names = "--memory", paramLabel = "MB", defaultValue = "512",
            description = "Memory in MB (default: ${DEFAULT-VALUE}; Lambda gives CPU in proportion, and a JVM start is CPU-bound).")
    int memory;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Timeout (default: ${DEFAULT-VALUE}). Cognito waits 5 s whatever this says; a longer timeout lets "
                    + "a slow first run still write its row.")
    int timeout;

    @Option(names = "--database-secret-arn", paramLabel = "ARN",
            description = "A Secrets Manager secret {\"username\",\"password\"} (an RDS-managed one, or the Lambda role's own);"
                    + " the host is --db-host, else the secret's own, else the endpoint of --db-instance-identifier.")
    String databaseSecretArn;

    // Explicit, so the owner's DATABASE_URL exported for `cruddur db migrate` is never sent by accident.
    @Option(names = "--database-url-from-env",
            description = "Use DATABASE_URL (else CONNECTION_URL) from this command's environment as the function's "
                    + "CONNECTION_URL. Make sure it is the Lambda role's URL, not the owner's used for `cruddur db migrate`.")
    boolean databaseUrlFromEnv;

    /** With --database-secret-arn: the DB instance whose endpoint goes into the URL. */
    @Mixin
    DbInstanceOption instance;

    @Option(names = "--db-host", paramLabel = "HOST", description = "With --database-secret-arn: the host, instead of looking up the instance.")
    String dbHost;

    @Option(names = "--db-name", paramLabel = "NAME", description = "With --database-secret-arn: the database (default: the instance's, else cruddur).")
    String dbName;

    @Option(names = "--secrets-extension-layer", paramLabel = "ARN",
            description = "With --database-secret-arn: the AWS Parameters and Secrets Lambda Extension's layer version ARN"
                    + " (default: version 1.0.103 for the function's region).")
    String secretsExtensionLayer;

    @Option(names = "--subnet-ids", split = ",", paramLabel = "SUBNET",
            description = "Run in the VPC: its private subnets (comma-separated), so the function reaches a private RDS.")
    List<String> subnetIds;

    @Option(names = "--security-group-ids", split = ",", paramLabel = "SG", description = "With --subnet-ids: the function's security groups.")
    List<String> securityGroupIds;

    // Not --timeout as in WaitOptions: that is the function's own timeout here.
    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long to wait for Lambda to apply each change, e.g. 5m (default: ${DEFAULT-VALUE}).")
    Duration waitTimeout;

    // Tests answer at once; people need not see this.
    @Option(names = "--poll-interval", hidden = true, defaultValue = "2s", converter = DurationConverter.class)
    Duration pollInterval;

    @Mixin
    DryRunOption dryRun;

    /** The result as printed. */
    record Deployed(String functionName, String functionArn, String action, String runtime, String handler,
                    int memoryMb, int timeoutSeconds, String database, String roleGrant, String secretsExtension,
                    String state, String next) {
    }

    /** What reading the secret at run time takes: the grant on the role, and the extension's layer. */
    private record SecretAccess(SecretReadPolicy policy, String layer) {

        /** Grants the role the policy; says what was done, for the summary. */
        String grant(IamClient iam, Changes changes, String roleArn, String functionName) {
            String roleName = SecretReadPolicy.roleName(roleArn);
            return policy.grant(iam, changes, roleName, functionName) + ": " + policy.summary() + " (inline policy "
                    + SecretReadPolicy.name(functionName) + " of role " + roleName + ")";
        }
    }

    @Override
    protected void checkArguments() {
        if (!Files.isRegularFile(jar)) {
            throw CommandFailure.failed("No jar at " + jar + ": build it with `./mvnw -pl lambda -am package` "
                    + "(or give its path with --jar).");
        }
        if (!role.startsWith("arn:") || !role.contains(":iam::") || !role.contains(":role/")) {
            throw CommandFailure.usage("--role " + role + " is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME).");
        }
        if ((subnetIds == null) != (securityGroupIds == null)) {
            throw CommandFailure.usage("--subnet-ids and --security-group-ids go together (a function in a VPC needs both).");
        }
        if (databaseSecretArn != null && databaseUrlFromEnv) {
            throw CommandFailure.usage("Give either --database-secret-arn or --database-url-from-env, not both.");
        }
        if (databaseSecretArn == null && (dbHost != null || dbName != null || secretsExtensionLayer != null)) {
            throw CommandFailure.usage("--db-host, --db-name and --secrets-extension-layer only apply with --database-secret-arn.");
        }
        if (memory < 128 || memory > 10240 || timeout < 1 || timeout > 900) {
            throw CommandFailure.usage("--memory is 128 to 10240 MB and --timeout 1 to 900 s.");
        }
    }

    @Override
    protected int run(AwsClients clients, Printer printer) {
        byte[] code = code();
        Optional<DatabaseConnection> database = database(clients);
        LambdaClient lambda = clients.lambda();
        // Everything looked up before anything changes: a region without a known layer stops here.
        Optional<SecretAccess> access = database.flatMap(DatabaseConnection::secretArn).map(arn -> new SecretAccess(
                SecretReadPolicy.of(clients.secretsManager(), arn),
                SecretsExtensionLayer.arn(lambda.serviceClientConfiguration().region().id(),
                        Optional.ofNullable(secretsExtensionLayer))));
        Changes changes = new Changes(dryRun.enabled(), printer);
        FunctionReadiness readiness = new FunctionReadiness(lambda, printer, pollInterval, waitTimeout);
        RolePropagation rolePropagation = new RolePropagation(role, printer, pollInterval, waitTimeout);
        String handlerName = handler != null ? handler : trigger.handler();

        Optional<FunctionConfiguration> existing = find(lambda);
        // The grant first: the function may be invoked as soon as it exists.
        String roleGrant = access.map(a -> a.grant(clients.iam(), changes, role, functionName)).orElse("-");
        Optional<String> layer = access.map(SecretAccess::layer);
        if (access.isPresent() && subnetIds != null) {
            // nothing here can see the VPC's routes and endpoints: said instead
            printer.say("The function runs in a VPC: its extension reaches Secrets Manager only through a NAT gateway or a"
                    + " Secrets Manager VPC endpoint (com.amazonaws." + lambda.serviceClientConfiguration().region().id()
                    + ".secretsmanager) in its subnets; without either, every sign-up fails with \"the database credentials"
                    + " could not be read\". See docs/lambda.md for what each costs.");
        }
        Deployed deployed = existing.isEmpty()
                ? create(lambda, changes, readiness, rolePropagation, code, handlerName, database, layer, roleGrant, printer)
                : update(lambda, changes, readiness, rolePropagation, code, handlerName, database, layer, roleGrant,
                        existing.get(), printer);
        printer.record(deployed);
        return 0;
    }

    /** The URL the flags ask for; empty when they ask for none (an update then leaves the environment alone). */
    private Optional<DatabaseConnection> database(AwsClients clients) {
        if (databaseSecretArn != null) {
            return Optional.of(DatabaseConnection.fromSecret(clients.secretsManager(), clients.rds(), databaseSecretArn,
                    Optional.ofNullable(dbHost), instance.identifier(), Optional.ofNullable(dbName)));
        }
        if (!databaseUrlFromEnv) {
            return Optional.empty();
        }
        return Optional.of(DatabaseConnection.fromEnvironment(Environment.of(spec)).orElseThrow(() -> CommandFailure.usage(
                "--database-url-from-env: neither DATABASE_URL nor CONNECTION_URL is set in the environment.")));
    }

    private Deployed create(LambdaClient lambda, Changes changes, FunctionReadiness readiness,
                            RolePropagation rolePropagation, byte[] code, String handlerName,
                            Optional<DatabaseConnection> database, Optional<String> layer, String roleGrant,
                            Printer printer) {
        if (database.isEmpty()) {
            throw CommandFailure.usage("A new function needs the database URL: give --database-secret-arn ARN, or "
                    + "--database-url-from-env to use DATABASE_URL (else CONNECTION_URL) from the environment.");
        }
        CreateFunctionRequest.Builder create = CreateFunctionRequest.builder()
                .functionName(functionName)
                .description("Cruddur Cognito trigger (" + handlerName + ")")
                .runtime(Runtime.JAVA21)
                .architectures(Architecture.X86_64)
                .role(role)
                .handler(handlerName)
                .memorySize(memory)
                .timeout(timeout)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))
                .environment(e -> e.variables(database.get().variables()));
        layer.ifPresent(create::layers);
        vpcConfig().ifPresent(create::vpcConfig);
        Optional<String> arn = changes.send(create.build(),
                request -> rolePropagation.call(() -> lambda.createFunction(request))).map(r -> r.functionArn());
        if (arn.isEmpty()) {
            printer.say("dry run: would create " + functionName + " with CONNECTION_URL = " + database.get() + ".");
            return deployed("-", "create (dry run)", handlerName, database, roleGrant, layer, "-");
        }
        GetFunctionConfigurationResponse ready = readiness.await(functionName);
        return deployed(arn.get(), "created", handlerName, database, roleGrant, layer, ready.stateAsString());
    }

    private Deployed update(LambdaClient lambda, Changes changes, FunctionReadiness readiness,
                            RolePropagation rolePropagation, byte[] code, String handlerName,
                            Optional<DatabaseConnection> database, Optional<String> layer, String roleGrant,
                            FunctionConfiguration current, Printer printer) {
        // An earlier change may still be applying; a second one would be refused.
        if (!changes.dryRun()) {
            readiness.await(functionName);
        }
        changes.send(UpdateFunctionCodeRequest.builder()
                .functionName(functionName)
                .zipFile(SdkBytes.fromByteArray(code))
                .architectures(Architecture.X86_64)
                .build(), lambda::updateFunctionCode);
        if (!changes.dryRun()) {
            readiness.await(functionName);
        }
        UpdateFunctionConfigurationRequest.Builder configuration = UpdateFunctionConfigurationRequest.builder()
                .functionName(functionName)
                .runtime(Runtime.JAVA21)
                .role(role)
                .handler(handlerName)
                .memorySize(memory)
                .timeout(timeout);
        database.ifPresent(url -> configuration.environment(e -> e.variables(environment(current, url, printer))));
        // the function's other layers kept, the extension in the version this deploy uses
        layer.ifPresent(arn -> configuration.layers(SecretsExtensionLayer.with(
                current.hasLayers() ? current.layers().stream().map(Layer::arn).toList() : List.of(), arn)));
        vpcConfig().ifPresent(configuration::vpcConfig);
        if (changes.send(configuration.build(),
                request -> rolePropagation.call(() -> lambda.updateFunctionConfiguration(request))).isEmpty()) {
            database.ifPresent(url -> printer.say("dry run: would set CONNECTION_URL = " + url + "."));
            return deployed(current.functionArn(), "update (dry run)", handlerName, database, roleGrant, layer,
                    current.stateAsString());
        }
        GetFunctionConfigurationResponse ready = readiness.await(functionName);
        return deployed(ready.functionArn(), "updated", handlerName, database, roleGrant, layer, ready.stateAsString());
    }

    /**
     * The function's variables with the database's set. A DATABASE_URL there would win over
     * CONNECTION_URL (core reads DATABASE_URL first), and a DATABASE_SECRET_ARN left from a deploy
     * with a secret over the credentials of a URL from the environment: they are removed, and the
     * operator told.
     */
    private static Map<String, String> environment(FunctionConfiguration current, DatabaseConnection database, Printer printer) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (current.environment() != null && current.environment().hasVariables()) {
            variables.putAll(current.environment().variables());
        }
        if (variables.remove("DATABASE_URL") != null) {
            printer.say("Removing the function's DATABASE_URL: it would override the CONNECTION_URL set now.");
        }
        if (database.secretArn().isEmpty()) {
            String secretArn = variables.get(DatabaseConnection.SECRET_VARIABLES.get(0));
            DatabaseConnection.SECRET_VARIABLES.forEach(variables::remove);
            if (secretArn != null) {
                printer.say("Removing the function's DATABASE_SECRET_ARN: the credentials are in the CONNECTION_URL set now."
                        + " Its role keeps the inline policy " + SecretReadPolicy.name(current.functionName())
                        + " until you remove it (`aws iam delete-role-policy --role-name " + SecretReadPolicy.roleName(
                        current.role() == null ? "ROLE" : current.role()) + " --policy-name "
                        + SecretReadPolicy.name(current.functionName()) + "`).");
            }
        }
        variables.putAll(database.variables());
        return variables;
    }

    private Optional<FunctionConfiguration> find(LambdaClient lambda) {
        try {
            return Optional.of(lambda.getFunction(r -> r.functionName(functionName)).configuration());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<VpcConfig> vpcConfig() {
        if (subnetIds == null) {
            return Optional.empty();
        }
        return Optional.of(VpcConfig.builder().subnetIds(subnetIds).securityGroupIds(securityGroupIds).build());
    }

    private byte[] code() {
        try {
            if (Files.size(jar) > DIRECT_UPLOAD_LIMIT) {
                throw CommandFailure.failed(jar + " is over 50 MB, Lambda's limit for a direct upload; upload it to S3 "
                        + "and use `aws lambda update-function-code --s3-bucket ... --s3-key ...`.");
            }
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + jar, e);
        }
    }

    private Deployed deployed(String arn, String action, String handlerName, Optional<DatabaseConnection> database,
                              String roleGrant, Optional<String> layer, String state) {
        String next = arn.equals("-") ? "-" : "cruddur cognito attach-triggers --user-pool-id POOL_ID --"
                + trigger.flag() + " " + arn;
        return new Deployed(functionName, arn, action, "java21", handlerName, memory, timeout,
                database.map(DatabaseConnection::toString).orElse("unchanged (the function's own environment)"),
                roleGrant, layer.orElse("-"), state, next);
    }
}
