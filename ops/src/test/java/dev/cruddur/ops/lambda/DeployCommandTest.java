package dev.cruddur.ops.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.ops.AwsStub.Answer;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.OpsRun;
import dev.cruddur.ops.rds.RdsXml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DeployCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "cruddur-PostConfirmation";
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:" + NAME;
    private static final String ROLE = "arn:aws:iam::123456789012:role/cruddur-lambda";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1234-AbCd";
    /** Generated passwords hold URL-special characters. */
    private static final String PASSWORD = "p@ss w:rd/%?&Zz9";
    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String IAM = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String EXTENSION_US_EAST_1 =
            "arn:aws:lambda:us-east-1:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension:4";

    @RegisterExtension
    final AwsStub aws = new AwsStub();

    @TempDir
    Path dir;
    private Path jar;
    private final byte[] jarBytes = "PK\u0003\u0004 the lambda jar".getBytes(StandardCharsets.ISO_8859_1);

    @BeforeEach
    void jar() throws Exception {
        jar = Files.write(dir.resolve("cruddur-lambda.jar"), jarBytes);
    }

    @Test
    void createsTheFunctionReadingItsPasswordFromTheSecretAndGrantsItsRoleExactlyThat() throws Exception {
        newFunctionWithItsSecret(null);
        aws.stubFor(post(urlPathEqualTo(FUNCTIONS)).willReturn(lambdaJson(201, configuration("Pending", null, Map.of()))));
        aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + NAME + "/configuration"))
                .willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));

        OpsRun run = deploy("--database-secret-arn", SECRET_ARN, "--subnet-ids", "subnet-a,subnet-b",
                "--security-group-ids", "sg-lambda");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<LoggedRequest> creates = aws.requests(request(RequestMethod.POST, FUNCTIONS));
        assertThat(creates).hasSize(1);
        JsonNode body = JSON.readTree(creates.get(0).getBodyAsString());
        assertThat(body.get("FunctionName").asText()).isEqualTo(NAME);
        assertThat(body.get("Runtime").asText()).isEqualTo("java21");
        assertThat(body.get("Handler").asText()).isEqualTo("dev.cruddur.lambda.PostConfirmationHandler::handleRequest");
        assertThat(body.get("Role").asText()).isEqualTo(ROLE);
        assertThat(body.get("MemorySize").asInt()).isEqualTo(512);
        assertThat(body.get("Timeout").asInt()).isEqualTo(10);
        assertThat(body.get("Architectures")).hasSize(1);
        assertThat(body.get("Architectures").get(0).asText()).isEqualTo("x86_64");
        assertThat(Base64.getDecoder().decode(body.get("Code").get("ZipFile").asText())).isEqualTo(jarBytes);
        assertThat(body.get("VpcConfig").get("SubnetIds").toString()).isEqualTo("[\"subnet-a\",\"subnet-b\"]");
        assertThat(body.get("VpcConfig").get("SecurityGroupIds").toString()).isEqualTo("[\"sg-lambda\"]");
        // Where the password is, never the password: the function reads it when it logs in, so a
        // rotation needs no new deploy. No sslmode of its own: the function chooses TLS itself.
        assertThat(JSON.convertValue(body.get("Environment").get("Variables"), Map.class)).isEqualTo(Map.of(
                "CONNECTION_URL", "postgresql://cruddur-db-instance.abc.us-east-1.rds.amazonaws.com:5432/cruddur",
                "DATABASE_SECRET_ARN", SECRET_ARN,
                "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", "false"));
        assertThat(creates.get(0).getBodyAsString()).doesNotContain(PASSWORD, "p%40ss", "p@ss");
        // the Parameters and Secrets extension the function reads it through, for the function's region
        assertThat(body.get("Layers").toString()).isEqualTo("[\"" + EXTENSION_US_EAST_1 + "\"]");

        // the execution role may read this one secret, and nothing else; before the function exists
        List<LoggedRequest> grants = aws.queryRequests("PutRolePolicy");
        assertThat(grants).hasSize(1);
        assertThat(form(grants.get(0), "RoleName")).isEqualTo("cruddur-lambda");
        assertThat(form(grants.get(0), "PolicyName")).isEqualTo("cruddur-PostConfirmation-database-secret");
        assertThat(JSON.readTree(form(grants.get(0), "PolicyDocument"))).isEqualTo(JSON.readTree("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "ReadTheDatabaseSecret", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                   "Resource": "%s"}]}""".formatted(SECRET_ARN)));
        assertThat(calls()).containsSubsequence("POST / GetRolePolicy", "POST / PutRolePolicy", "POST " + FUNCTIONS);

        assertThat(JSON.readTree(aws.jsonRequests("GetSecretValue").get(0).getBodyAsString()).get("SecretId").asText())
                .isEqualTo(SECRET_ARN);
        assertThat(aws.queryRequests("DescribeDBInstances").get(0).formParameters().get("DBInstanceIdentifier").firstValue())
                .isEqualTo("cruddur-db-instance");
        assertThat(run.out()).contains(ARN, "created", "Active",
                "jdbc:postgresql://cruddur-db-instance.abc.us-east-1.rds.amazonaws.com:5432/cruddur?sslmode=require "
                        + "(user postgres), read by the function from secret " + SECRET_ARN,
                "granted: secretsmanager:GetSecretValue on " + SECRET_ARN,
                "cruddur-PostConfirmation-database-secret", EXTENSION_US_EAST_1,
                // a function in a VPC needs a way to Secrets Manager: said, since nothing here can check it
                "NAT gateway or a Secrets Manager VPC endpoint (com.amazonaws.us-east-1.secretsmanager)",
                "cruddur cognito attach-triggers --user-pool-id POOL_ID --post-confirmation " + ARN);
        assertThat(run.printed()).doesNotContain(PASSWORD, "p%40ss");
    }

    @Test
    void aSecretUnderACustomerManagedKeyAlsoGrantsDecryptWithThatKeyThroughSecretsManagerOnly() throws Exception {
        newFunctionWithItsSecret("1234abcd-12ab-34cd-56ef-1234567890ab");
        aws.stubFor(post(urlPathEqualTo(FUNCTIONS)).willReturn(lambdaJson(201, configuration("Pending", null, Map.of()))));
        aws.stubFor(configurationRead().willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));

        OpsRun run = deploy("--database-secret-arn", SECRET_ARN);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(form(aws.queryRequests("PutRolePolicy").get(0), "PolicyDocument"))).isEqualTo(JSON.readTree("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "ReadTheDatabaseSecret", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                   "Resource": "%s"},
                  {"Sid": "DecryptTheDatabaseSecret", "Effect": "Allow", "Action": "kms:Decrypt",
                   "Resource": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                   "Condition": {"StringEquals": {"kms:ViaService": "secretsmanager.us-east-1.amazonaws.com"}}}]}"""
                .formatted(SECRET_ARN)));
        assertThat(run.out()).contains("kms:Decrypt on arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    }

    @Test
    void aKeyNamedByItsAliasIsGrantedByTheAliasAndSecretsManagersOwnKeyNeedsNoGrant() throws Exception {
        functionNotFound();
        secret();
        noRolePolicyYet();
        aws.query("PutRolePolicy", iamAnswer("PutRolePolicy"));
        dbInstance();
        aws.stubFor(post(urlPathEqualTo(FUNCTIONS)).willReturn(lambdaJson(201, configuration("Pending", null, Map.of()))));
        aws.stubFor(configurationRead().willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));

        describeSecret("alias/cruddur-secrets");
        assertThat(deploy("--database-secret-arn", SECRET_ARN).exitCode()).isZero();
        describeSecret("arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager");
        assertThat(deploy("--database-secret-arn", SECRET_ARN).exitCode()).isZero();

        List<LoggedRequest> grants = aws.queryRequests("PutRolePolicy");
        // an IAM policy cannot name a key by its alias: any key of the account, on the condition it has that alias
        assertThat(JSON.readTree(form(grants.get(0), "PolicyDocument")).get("Statement").get(1)).isEqualTo(JSON.readTree("""
                {"Sid": "DecryptTheDatabaseSecret", "Effect": "Allow", "Action": "kms:Decrypt",
                 "Resource": "arn:aws:kms:us-east-1:123456789012:key/*",
                 "Condition": {"StringEquals": {"kms:ViaService": "secretsmanager.us-east-1.amazonaws.com"},
                               "ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/cruddur-secrets"}}}"""));
        assertThat(JSON.readTree(form(grants.get(1), "PolicyDocument")).get("Statement")).hasSize(1);
    }

    @Test
    void anUpdateMovesTheFunctionFromAPasswordInItsEnvironmentToTheSecret() throws Exception {
        String oldExtension = "arn:aws:lambda:us-east-1:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension:2";
        String otherLayer = "arn:aws:lambda:us-east-1:123456789012:layer:rds-ca-bundle:3";
        aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + NAME)).willReturn(lambdaJson(200, "{\"Configuration\": "
                + configuration("Active", "Successful", Map.of(
                        "CONNECTION_URL", "postgresql://postgres:stale-pw@cruddur-db-instance.abc.us-east-1.rds.amazonaws.com:5432/cruddur",
                        "DATABASE_URL", "postgresql://postgres:stale-pw@old/cruddur",
                        "DATABASE_CA_BUNDLE", "/opt/rds/global-bundle.pem"))
                        .replace("\"State\"", "\"Layers\": [{\"Arn\": \"" + otherLayer + "\", \"CodeSize\": 1000}, {\"Arn\": \""
                                + oldExtension + "\", \"CodeSize\": 3000000}], \"State\"") + "}")));
        aws.stubFor(configurationRead().willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));
        aws.stubFor(put(urlPathEqualTo(FUNCTIONS + "/" + NAME + "/code"))
                .willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));
        aws.stubFor(put(urlPathEqualTo(FUNCTIONS + "/" + NAME + "/configuration"))
                .willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));
        secret();
        describeSecret(null);
        dbInstance();
        // deployed before with this secret: the role's policy is already what it must be
        aws.query("GetRolePolicy", AwsStub.queryResponse(IAM, "GetRolePolicy", """
                <PolicyName>cruddur-PostConfirmation-database-secret</PolicyName>
                <RoleName>cruddur-lambda</RoleName>
                <PolicyDocument>%s</PolicyDocument>""".formatted(URLEncoder.encode(("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                + "\"ReadTheDatabaseSecret\",\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\""
                + SECRET_ARN + "\"}]}"), StandardCharsets.UTF_8).replace("+", "%20")), "g1"));

        OpsRun run = deploy("--database-secret-arn", SECRET_ARN);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.queryRequests("PutRolePolicy")).isEmpty();
        LoggedRequest update = aws.requests(request(RequestMethod.PUT, FUNCTIONS + "/" + NAME + "/configuration")).get(0);
        JsonNode config = JSON.readTree(update.getBodyAsString());
        assertThat(JSON.convertValue(config.get("Environment").get("Variables"), Map.class)).isEqualTo(Map.of(
                "CONNECTION_URL", "postgresql://cruddur-db-instance.abc.us-east-1.rds.amazonaws.com:5432/cruddur",
                "DATABASE_SECRET_ARN", SECRET_ARN,
                "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", "false",
                "DATABASE_CA_BUNDLE", "/opt/rds/global-bundle.pem"));
        assertThat(update.getBodyAsString()).doesNotContain("stale-pw", PASSWORD);
        // the other layer stays; the extension is there once, in the version this command knows
        assertThat(config.get("Layers").toString()).isEqualTo("[\"" + otherLayer + "\",\"" + EXTENSION_US_EAST_1 + "\"]");
        assertThat(run.out()).contains("already granted", "Removing the function's DATABASE_URL");
    }

    @Test
    void aRegionWithoutAKnownExtensionLayerNeedsItsArnAndChangesNothingBefore() {
        functionNotFound();
        secret();
        describeSecret(null);
        dbInstance();
        String[] args = {"lambda", "deploy", "--function-name", NAME, "--role", ROLE, "--jar", jar.toString(),
                "--database-secret-arn", SECRET_ARN, "--endpoint-url", aws.url(), "--region", "mx-central-1"};

        OpsRun run = OpsRun.of(args);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).hasLineCount(1).contains("mx-central-1", "--secrets-extension-layer");
        assertThat(aws.queryRequests("PutRolePolicy")).isEmpty();
        assertThat(aws.requests(request(RequestMethod.POST, FUNCTIONS))).isEmpty();

        String layer = "arn:aws:lambda:mx-central-1:111122223333:layer:AWS-Parameters-and-Secrets-Lambda-Extension:7";
        noRolePolicyYet();
        aws.query("PutRolePolicy", iamAnswer("PutRolePolicy"));
        aws.stubFor(post(urlPathEqualTo(FUNCTIONS)).willReturn(lambdaJson(201, configuration("Pending", null, Map.of()))));
        aws.stubFor(configurationRead().willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));

        OpsRun given = OpsRun.of(Stream.concat(Stream.of(args), Stream.of("--secrets-extension-layer", layer)).toArray(String[]::new));

        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(aws.requests(request(RequestMethod.POST, FUNCTIONS)).get(0).getBodyAsString()).contains("\"Layers\":[\"" + layer + "\"]");
    }

    @Test
    void updatesCodeWaitsForItThenTheConfigurationKeepingOtherVariables() throws Exception {
        aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + NAME)).willReturn(lambdaJson(200,
                "{\"Configuration\": " + configuration("Active", "Successful",
                        Map.of("DATABASE_URL", "postgresql://old:old@old/cruddur", "LOG_LEVEL", "debug",
                                "DATABASE_SECRET_ARN", SECRET_ARN, "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", "false"))
                        + ", \"Code\": {\"RepositoryType\": \"S3\", \"Location\": \"https://example.com/code\"}}")));
        // Lambda applies the new code asynchronously: InProgress once, then Successful
        aws.stubFor(configurationRead().inScenario("update").whenScenarioStateIs(STARTED)
                .willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));
        aws.stubFor(put(urlPathEqualTo(FUNCTIONS + "/" + NAME + "/code")).inScenario("update")
                .willSetStateTo("code sent").willReturn(lambdaJson(200, configuration("Active", "InProgress", Map.of()))));
        aws.stubFor(configurationRead().inScenario("update").whenScenarioStateIs("code sent").willSetStateTo("code applied")
                .willReturn(lambdaJson(200, configuration("Active", "InProgress", Map.of()))));
        aws.stubFor(configurationRead().inScenario("update").whenScenarioStateIs("code applied")
                .willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));
        aws.stubFor(put(urlPathEqualTo(FUNCTIONS + "/" + NAME + "/configuration"))
                .willReturn(lambdaJson(200, configuration("Active", "InProgress", Map.of()))));
        String url = "postgresql://cruddur_lambda:s3cret-pw@db.example.com:5432/cruddur";

        // The operator's own CA bundle is not the function's: it neither stops the deploy nor shows.
        OpsRun run = OpsRun.withEnvironment(Map.of("DATABASE_URL", url, "DATABASE_CA_BUNDLE", "/nowhere/global-bundle.pem"),
                aws.with("lambda", "deploy", "--function-name", NAME, "--role", ROLE, "--jar", jar.toString(),
                        "--trigger", "pre-sign-up", "--memory", "1024", "--database-url-from-env", "--poll-interval", "1ms"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.requests(request(RequestMethod.POST, FUNCTIONS))).isEmpty();
        List<String> calls = new ArrayList<>();
        for (LoggedRequest request : aws.allRequests()) {
            calls.add(request.getMethod() + " " + request.getUrl().replace(FUNCTIONS + "/" + NAME, "F"));
        }
        assertThat(calls).containsExactly("GET F", "GET F/configuration", "PUT F/code", "GET F/configuration",
                "GET F/configuration", "PUT F/configuration", "GET F/configuration");
        LoggedRequest code = aws.requests(request(RequestMethod.PUT, FUNCTIONS + "/" + NAME + "/code")).get(0);
        assertThat(Base64.getDecoder().decode(JSON.readTree(code.getBodyAsString()).get("ZipFile").asText())).isEqualTo(jarBytes);
        JsonNode config = JSON.readTree(aws.requests(request(RequestMethod.PUT, FUNCTIONS + "/" + NAME + "/configuration"))
                .get(0).getBodyAsString());
        assertThat(config.get("Runtime").asText()).isEqualTo("java21");
        assertThat(config.get("Handler").asText()).isEqualTo("dev.cruddur.lambda.PreSignUpHandler::handleRequest");
        assertThat(config.get("MemorySize").asInt()).isEqualTo(1024);
        assertThat(config.get("Role").asText()).isEqualTo(ROLE);
        // DATABASE_URL would override CONNECTION_URL in the function, and the secret its password: they go;
        // other variables stay
        assertThat(JSON.convertValue(config.get("Environment").get("Variables"), Map.class))
                .isEqualTo(Map.of("CONNECTION_URL", url, "LOG_LEVEL", "debug"));
        assertThat(config.has("VpcConfig")).isFalse();

        assertThat(run.err()).contains("waiting for " + NAME + ": State Active, LastUpdateStatus InProgress");
        assertThat(run.out()).contains(ARN, "updated", "Removing the function's DATABASE_URL",
                "Removing the function's DATABASE_SECRET_ARN",
                "jdbc:postgresql://db.example.com:5432/cruddur?sslmode=require (user cruddur_lambda), from $DATABASE_URL",
                "--pre-sign-up " + ARN);
        assertThat(run.printed()).doesNotContain("s3cret-pw");
    }

    @Test
    void dryRunPrintsTheRequestWithoutTheSecretOrTheJarAndCreatesNothing() {
        functionNotFound();
        secret();
        describeSecret(null);
        noRolePolicyYet();
        dbInstance();

        OpsRun run = deploy("--database-secret-arn", SECRET_ARN, "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.requests(request(RequestMethod.POST, FUNCTIONS))).isEmpty();
        assertThat(aws.queryRequests("PutRolePolicy")).isEmpty();
        assertThat(run.out()).contains("dry run, not sent: iam PutRolePolicyRequest(RoleName=cruddur-lambda, "
                + "PolicyName=cruddur-PostConfirmation-database-secret");
        assertThat(run.out()).contains("dry run, not sent: lambda CreateFunctionRequest(FunctionName=" + NAME,
                "Runtime=java21", "Role=" + ROLE, "Handler=dev.cruddur.lambda.PostConfirmationHandler::handleRequest",
                "ZipFile=*** Sensitive Data Redacted ***", "Variables=*** Sensitive Data Redacted ***",
                "dry run: would create " + NAME + " with CONNECTION_URL = jdbc:postgresql://cruddur-db-instance");
        assertThat(run.printed()).doesNotContain(PASSWORD, "p%40ss", "the lambda jar");
    }

    @Test
    void dryRunOfAnUpdateSendsNoChange() {
        aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + NAME)).willReturn(lambdaJson(200,
                "{\"Configuration\": " + configuration("Active", "Successful", Map.of()) + "}")));

        OpsRun run = OpsRun.withEnvironment(Map.of("CONNECTION_URL", "postgresql://u:pw-secret@db.example.com/cruddur"),
                aws.with("lambda", "deploy", "--function-name", NAME, "--role", ROLE,
                        "--jar", jar.toString(), "--database-url-from-env", "--dry-run"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.allRequests()).extracting(r -> r.getMethod().getName()).containsOnly("GET");
        assertThat(run.out()).contains("dry run, not sent: lambda UpdateFunctionCodeRequest(FunctionName=" + NAME,
                "dry run, not sent: lambda UpdateFunctionConfigurationRequest(FunctionName=" + NAME, "update (dry run)");
        assertThat(run.printed()).doesNotContain("pw-secret");
    }

    @Test
    void aMissingJarSaysHowToBuildIt() {
        OpsRun run = OpsRun.of(aws.with("lambda", "deploy", "--function-name", NAME, "--role", ROLE,
                "--jar", dir.resolve("nope.jar").toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).contains("No jar at", "nope.jar",
                "build it with `./mvnw -pl lambda -am package`");
        assertThat(aws.allRequests()).isEmpty();
    }

    @Test
    void aNewFunctionWithoutADatabaseUrlIsRefused() {
        functionNotFound();

        OpsRun run = deploy();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).hasLineCount(1).contains("A new function needs the database URL: give "
                + "--database-secret-arn ARN, or --database-url-from-env");
        assertThat(aws.requests(request(RequestMethod.POST, FUNCTIONS))).isEmpty();
    }

    @Test
    void theOperatorsDatabaseUrlIsNotTakenFromTheEnvironmentUnlessAskedFor() {
        // `cruddur db migrate` (docs/operations.md §4) leaves the master user's URL exported in the shell
        functionNotFound();
        Map<String, String> env = Map.of("DATABASE_URL", "postgresql://postgres:master-pw@db.example.com:5432/cruddur");

        OpsRun run = OpsRun.withEnvironment(env, aws.with("lambda", "deploy", "--function-name", NAME,
                "--role", ROLE, "--jar", jar.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).hasLineCount(1).startsWith("cruddur: A new function needs the database URL")
                .contains("--database-url-from-env");
        assertThat(aws.requests(request(RequestMethod.POST, FUNCTIONS))).isEmpty();
        assertThat(run.printed()).doesNotContain("master-pw");
    }

    @Test
    void anUpdateWithoutADatabaseFlagKeepsTheFunctionsEnvironmentWhateverTheShellHolds() throws Exception {
        aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + NAME)).willReturn(lambdaJson(200,
                "{\"Configuration\": " + configuration("Active", "Successful", Map.of("CONNECTION_URL", "kept")) + "}")));
        aws.stubFor(configurationRead().willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));
        aws.stubFor(put(urlPathEqualTo(FUNCTIONS + "/" + NAME + "/code"))
                .willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));
        aws.stubFor(put(urlPathEqualTo(FUNCTIONS + "/" + NAME + "/configuration"))
                .willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));
        Map<String, String> env = Map.of("DATABASE_URL", "postgresql://postgres:master-pw@db.example.com:5432/cruddur");

        OpsRun run = OpsRun.withEnvironment(env, aws.with("lambda", "deploy", "--function-name", NAME,
                "--role", ROLE, "--jar", jar.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode config = JSON.readTree(aws.requests(request(RequestMethod.PUT, FUNCTIONS + "/" + NAME + "/configuration"))
                .get(0).getBodyAsString());
        assertThat(config.has("Environment")).isFalse();
        assertThat(run.out()).contains("updated", "unchanged (the function's own environment)");
        assertThat(run.printed()).doesNotContain("master-pw");
    }

    @Test
    void theSecretAndTheEnvironmentAreExclusive() {
        OpsRun run = OpsRun.withEnvironment(Map.of("DATABASE_URL", "postgresql://u:pw@db.example.com/cruddur"),
                aws.with("lambda", "deploy", "--function-name", NAME, "--role", ROLE, "--jar", jar.toString(),
                        "--database-secret-arn", SECRET_ARN, "--database-url-from-env"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("cruddur: Give either --database-secret-arn or --database-url-from-env, not both.");
        assertThat(aws.allRequests()).isEmpty();
    }

    @Test
    void fromTheEnvironmentWithNothingThereIsAUsageError() {
        functionNotFound();

        OpsRun run = deploy("--database-url-from-env");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("cruddur: --database-url-from-env: neither DATABASE_URL nor CONNECTION_URL "
                + "is set in the environment.");
        assertThat(aws.requests(request(RequestMethod.POST, FUNCTIONS))).isEmpty();
    }

    @Test
    void aSecretWithoutCredentialsIsNamedButNeverQuoted() {
        functionNotFound();
        aws.json("GetSecretValue", "{\"ARN\": \"" + SECRET_ARN + "\", \"SecretString\": \"just-a-password-value\"}");

        OpsRun run = deploy("--database-secret-arn", SECRET_ARN);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("The secret " + SECRET_ARN + " is not JSON with \"username\" and \"password\"");
        assertThat(run.printed()).doesNotContain("just-a-password-value");
    }

    @Test
    void aMissingInstanceForTheSecretsEndpointSaysHowToCreateIt() {
        functionNotFound();
        secret();
        aws.query("DescribeDBInstances", RdsXml.notFound("db2"));

        OpsRun run = deploy("--database-secret-arn", SECRET_ARN, "--db-instance-identifier", "db2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).contains("DBInstanceNotFound", "create it with `cruddur rds create`");
        assertThat(aws.queryRequests("DescribeDBInstances").get(0).formParameters().get("DBInstanceIdentifier").firstValue())
                .isEqualTo("db2");
        assertThat(aws.requests(request(RequestMethod.POST, FUNCTIONS))).isEmpty();
        assertThat(run.printed()).doesNotContain(PASSWORD);
    }

    @Test
    void aRefusedPassRoleIsOneLineWithAdvice() {
        newFunctionWithItsSecret(null);
        aws.stubFor(post(urlPathEqualTo(FUNCTIONS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withBody("{\"Message\":\"User: arn:aws:iam::123456789012:user/ops is not authorized to perform: "
                        + "iam:PassRole on resource: " + ROLE + "\"}")));

        OpsRun run = deploy("--database-secret-arn", SECRET_ARN);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .startsWith("cruddur: Lambda AccessDeniedException: User: arn:aws:iam::123456789012:user/ops is not "
                        + "authorized to perform: iam:PassRole")
                .contains("IAM permission");
        assertThat(run.printed()).doesNotContain(PASSWORD);
    }

    @Test
    void aFailedUpdateIsReportedWithLambdasReason() {
        aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + NAME)).willReturn(lambdaJson(200,
                "{\"Configuration\": " + configuration("Active", "Successful", Map.of()) + "}")));
        aws.stubFor(configurationRead().inScenario("u").whenScenarioStateIs(STARTED)
                .willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));
        aws.stubFor(put(urlPathEqualTo(FUNCTIONS + "/" + NAME + "/code")).inScenario("u").willSetStateTo("sent")
                .willReturn(lambdaJson(200, configuration("Active", "InProgress", Map.of()))));
        aws.stubFor(configurationRead().inScenario("u").whenScenarioStateIs("sent").willReturn(lambdaJson(200,
                configuration("Active", "Failed", Map.of()).replace("\"LastUpdateStatus\"",
                        "\"LastUpdateStatusReason\": \"The subnet has no free IP addresses.\", "
                                + "\"LastUpdateStatusReasonCode\": \"SubnetOutOfIPAddresses\", \"LastUpdateStatus\""))));

        OpsRun run = deploy("--poll-interval", "1ms");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("cruddur: Lambda function " + NAME + ": the update failed: "
                + "The subnet has no free IP addresses. (SubnetOutOfIPAddresses)");
        assertThat(aws.requests(request(RequestMethod.PUT, FUNCTIONS + "/" + NAME + "/configuration"))).isEmpty();
    }

    @Test
    void aFunctionStillUpdatingAfterWaitTimeoutIsReportedWithTheTimeGiven() {
        aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + NAME)).willReturn(lambdaJson(200,
                "{\"Configuration\": " + configuration("Active", "InProgress", Map.of()) + "}")));
        aws.stubFor(configurationRead().willReturn(lambdaJson(200, configuration("Active", "InProgress", Map.of()))));

        OpsRun run = deploy("--wait-timeout", "50ms", "--poll-interval", "1ms");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines().reduce((first, last) -> last).orElseThrow())
                .isEqualTo("cruddur: Lambda function " + NAME + " is still Active / InProgress after 50ms; check it with "
                        + "`aws lambda get-function-configuration --function-name " + NAME + "` and run this again.");
        assertThat(aws.requests(request(RequestMethod.PUT, FUNCTIONS + "/" + NAME + "/code"))).isEmpty();
    }

    @Test
    void aNewRoleThatIamHasNotPropagatedYetIsRetriedWithProgressUntilLambdaCanAssumeIt() throws Exception {
        functionNotFound();
        aws.stubFor(post(urlPathEqualTo(FUNCTIONS)).inScenario("propagation").whenScenarioStateIs(STARTED)
                .willSetStateTo("still propagating").willReturn(roleNotAssumableYet()));
        aws.stubFor(post(urlPathEqualTo(FUNCTIONS)).inScenario("propagation").whenScenarioStateIs("still propagating")
                .willSetStateTo("propagated").willReturn(roleNotAssumableYet()));
        aws.stubFor(post(urlPathEqualTo(FUNCTIONS)).inScenario("propagation").whenScenarioStateIs("propagated")
                .willReturn(lambdaJson(201, configuration("Pending", null, Map.of()))));
        aws.stubFor(configurationRead().willReturn(lambdaJson(200, configuration("Active", "Successful", Map.of()))));

        OpsRun run = deployWithUrlFromEnv("--poll-interval", "1ms");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.requests(request(RequestMethod.POST, FUNCTIONS))).hasSize(3);
        assertThat(run.err()).contains("Lambda cannot assume " + ROLE + " yet (IAM takes a few seconds to make a new "
                + "role usable); trying again").hasLineCount(2);
        assertThat(run.out()).contains(ARN, "created", "Active");
    }

    @Test
    void aRoleLambdaCanNeverAssumeFailsAfterTheWaitTimeoutWithAdvice() {
        functionNotFound();
        aws.stubFor(post(urlPathEqualTo(FUNCTIONS)).willReturn(roleNotAssumableYet()));

        OpsRun run = deployWithUrlFromEnv("--poll-interval", "1ms", "--wait-timeout", "50ms");

        assertThat(run.exitCode()).isEqualTo(1);
        // Retrying is shown above; here the bound: the refusal ends the command once the wait is used up.
        assertThat(aws.requests(request(RequestMethod.POST, FUNCTIONS))).isNotEmpty();
        assertThat(run.err().lines().reduce((first, second) -> second).orElseThrow()).as(run.err())
                .startsWith("cruddur: Lambda still cannot assume " + ROLE + " after 50ms")
                .contains("trust policy", "lambda.amazonaws.com");
    }

    /** Lambda's answer while IAM has not yet propagated a new role (HTTP 400, as in the service model). */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder roleNotAssumableYet() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "InvalidParameterValueException")
                .withBody("{\"Type\":\"User\",\"message\":\"The role defined for the function cannot be assumed by Lambda.\"}");
    }

    private OpsRun deployWithUrlFromEnv(String... more) {
        return OpsRun.withEnvironment(Map.of("DATABASE_URL", "postgresql://cruddur:secret@db.example:5432/cruddur"),
                aws.with(Stream.concat(Stream.of("lambda", "deploy", "--function-name", NAME, "--role", ROLE,
                        "--jar", jar.toString(), "--database-url-from-env"), Stream.of(more)).toArray(String[]::new)));
    }

    private OpsRun deploy(String... more) {
        return OpsRun.of(aws.with(Stream.concat(Stream.of("lambda", "deploy", "--function-name", NAME, "--role", ROLE,
                "--jar", jar.toString()), Stream.of(more)).toArray(String[]::new)));
    }

    /**
     * A function still to be created, reading its password from the database secret (encrypted
     * with {@code kmsKeyId}, null for AWS's own key): the secret and the instance are there, and
     * the role takes the policy it does not have yet.
     */
    private void newFunctionWithItsSecret(String kmsKeyId) {
        functionNotFound();
        secret();
        describeSecret(kmsKeyId);
        noRolePolicyYet();
        aws.query("PutRolePolicy", iamAnswer("PutRolePolicy"));
        dbInstance();
    }

    private void functionNotFound() {
        aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + NAME)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withBody("{\"Type\":\"User\",\"Message\":\"Function not found: " + ARN + "\"}")));
    }

    private void secret() {
        try {
            String secretString = JSON.writeValueAsString(Map.of("username", "postgres", "password", PASSWORD));
            aws.json("GetSecretValue", JSON.writeValueAsString(Map.of("ARN", SECRET_ARN, "Name", "rds!db-1234",
                    "SecretString", secretString, "VersionId", "v1", "VersionStages", List.of("AWSCURRENT"))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** DescribeSecret as Secrets Manager answers it: KmsKeyId only for a key other than aws/secretsmanager. */
    private void describeSecret(String kmsKeyId) {
        try {
            Map<String, Object> answer = new java.util.LinkedHashMap<>(Map.of("ARN", SECRET_ARN, "Name", "rds!db-1234",
                    "RotationEnabled", true, "OwningService", "rds",
                    "VersionIdsToStages", Map.of("v1", List.of("AWSCURRENT"))));
            if (kmsKeyId != null) {
                answer.put("KmsKeyId", kmsKeyId);
            }
            aws.json("DescribeSecret", JSON.writeValueAsString(answer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void noRolePolicyYet() {
        aws.query("GetRolePolicy", Answer.queryError(404, "NoSuchEntity",
                "The role policy with name cruddur-PostConfirmation-database-secret cannot be found."));
    }

    private static String iamAnswer(String action) {
        return AwsStub.queryResponse(IAM, action, null, "i1");
    }

    private static String form(LoggedRequest request, String parameter) {
        return request.formParameters().get(parameter).firstValue();
    }

    /** Every request so far: method and path, and the action of a Query-protocol call. */
    private List<String> calls() {
        List<String> calls = new ArrayList<>();
        for (LoggedRequest request : aws.allRequests()) {
            String action = request.formParameters().containsKey("Action")
                    ? " " + request.formParameters().get("Action").firstValue() : "";
            calls.add(request.getMethod() + " " + request.getUrl() + action);
        }
        return calls;
    }

    private void dbInstance() {
        aws.query("DescribeDBInstances", RdsXml.page("DescribeDBInstances", "DBInstances", null, """
                <DBInstance>
                  <DBInstanceIdentifier>cruddur-db-instance</DBInstanceIdentifier>
                  <DBInstanceStatus>available</DBInstanceStatus><DBName>cruddur</DBName>
                  <Endpoint><Address>cruddur-db-instance.abc.us-east-1.rds.amazonaws.com</Address><Port>5432</Port></Endpoint>
                </DBInstance>"""));
    }

    private static MappingBuilder configurationRead() {
        return get(urlPathEqualTo(FUNCTIONS + "/" + NAME + "/configuration"));
    }

    private static RequestPatternBuilder request(RequestMethod method, String path) {
        return RequestPatternBuilder.newRequestPattern(method, urlPathEqualTo(path));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder lambdaJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String configuration(String state, String lastUpdateStatus, Map<String, String> variables) {
        try {
            return """
                    {"FunctionName": "%s", "FunctionArn": "%s", "Runtime": "java21", "Role": "%s",
                     "Handler": "dev.cruddur.lambda.PostConfirmationHandler::handleRequest", "CodeSize": 3000000,
                     "MemorySize": 512, "Timeout": 10, "Architectures": ["x86_64"],
                     "Environment": {"Variables": %s},
                     "State": "%s"%s}""".formatted(NAME, ARN, ROLE, JSON.writeValueAsString(variables), state,
                    lastUpdateStatus == null ? "" : ", \"LastUpdateStatus\": \"" + lastUpdateStatus + "\"");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
