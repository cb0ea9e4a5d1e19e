package dev.cruddur.ops.cognito;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.OpsRun;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UpdateUserPoolRequest;

class AttachTriggersCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL_ID = "us-east-1_AbCdEf123";
    private static final String POOL_ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + POOL_ID;
    private static final String POST = "arn:aws:lambda:us-east-1:123456789012:function:cruddur-PostConfirmation";
    private static final String PRE = "arn:aws:lambda:us-east-1:123456789012:function:cruddur-PreSignUp";
    private static final String OLD_PRE = "arn:aws:lambda:us-east-1:123456789012:function:old-PreSignUp";

    /** A pool with every updatable setting set, and a few triggers of its own. */
    private static final String RICH_POOL = """
            {"UserPool": {
              "Id": "us-east-1_AbCdEf123", "Name": "cruddur-user-pool", "Arn": "%s",
              "Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": true, "RequireLowercase": true,
                  "RequireNumbers": true, "RequireSymbols": false, "PasswordHistorySize": 3,
                  "TemporaryPasswordValidityDays": 7},
                "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}},
              "DeletionProtection": "ACTIVE",
              "LambdaConfig": {"PreSignUp": "%s",
                "CustomMessage": "arn:aws:lambda:us-east-1:123456789012:function:cruddur-CustomMessage",
                "PreTokenGeneration": "arn:aws:lambda:us-east-1:123456789012:function:cruddur-Tokens",
                "PreTokenGenerationConfig": {"LambdaVersion": "V2_0",
                  "LambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:cruddur-Tokens"},
                "CustomEmailSender": {"LambdaVersion": "V1_0",
                  "LambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:cruddur-Mailer"},
                "KMSKeyID": "arn:aws:kms:us-east-1:123456789012:key/1111-2222"},
              "Status": "Enabled",
              "LastModifiedDate": 1.717E9, "CreationDate": 1.7E9,
              "SchemaAttributes": [{"Name": "email", "AttributeDataType": "String", "DeveloperOnlyAttribute": false,
                "Mutable": true, "Required": true, "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}}],
              "AutoVerifiedAttributes": ["email"],
              "UsernameAttributes": ["email"],
              "SmsVerificationMessage": "Your code is {####}",
              "EmailVerificationMessage": "Your Cruddur code is {####}",
              "EmailVerificationSubject": "Your Cruddur code",
              "VerificationMessageTemplate": {"SmsMessage": "Your code is {####}",
                "EmailMessage": "Your Cruddur code is {####}", "EmailSubject": "Your Cruddur code",
                "EmailMessageByLink": "Click {##here##}", "EmailSubjectByLink": "Verify",
                "DefaultEmailOption": "CONFIRM_WITH_CODE"},
              "SmsAuthenticationMessage": "Your sign-in code is {####}",
              "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]},
              "MfaConfiguration": "OPTIONAL",
              "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": true, "DeviceOnlyRememberedOnUserPrompt": true},
              "EstimatedNumberOfUsers": 42,
              "EmailConfiguration": {"SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/cruddur.dev",
                "ReplyToEmailAddress": "support@cruddur.dev", "EmailSendingAccount": "DEVELOPER",
                "From": "Cruddur <no-reply@cruddur.dev>", "ConfigurationSet": "cruddur"},
              "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::123456789012:role/cruddur-sms",
                "ExternalId": "cruddur-external", "SnsRegion": "us-east-1"},
              "UserPoolTags": {"project": "cruddur", "env": "prod"},
              "Domain": "cruddur-auth",
              "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": false, "UnusedAccountValidityDays": 7,
                "InviteMessageTemplate": {"SMSMessage": "Hi {username}, {####}", "EmailMessage": "Hi {username}, {####}",
                  "EmailSubject": "Welcome to Cruddur"}},
              "UserPoolAddOns": {"AdvancedSecurityMode": "AUDIT",
                "AdvancedSecurityAdditionalFlows": {"CustomAuthMode": "AUDIT"}},
              "UsernameConfiguration": {"CaseSensitive": false},
              "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"},
                {"Priority": 2, "Name": "verified_phone_number"}]},
              "UserPoolTier": "ESSENTIALS",
              "KeyConfiguration": {"KeyType": "CUSTOMER_MANAGED_KEY",
                "KmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/3333-4444"},
              "IssuerConfiguration": {"Type": "ORIGINAL"},
              "AcrConfiguration": {"mfa": {"AcrValue": "urn:cruddur:mfa"}}
            }}""".formatted(POOL_ARN, OLD_PRE);

    @RegisterExtension
    final AwsStub aws = new AwsStub();

    @Test
    void sendsThePoolsOwnSettingsBackWithOnlyTheTriggersChanged() throws Exception {
        OpsRun run = attachBothTriggers();

        assertThat(aws.jsonRequests("UpdateUserPool")).hasSize(1);
        JsonNode sent = JSON.readTree(aws.jsonRequests("UpdateUserPool").get(0).getBodyAsString());
        JsonNode pool = JSON.readTree(RICH_POOL).get("UserPool");

        // every updatable setting is sent, and nothing else
        assertThat(fieldNames(sent)).containsExactlyInAnyOrderElementsOf(UserPoolUpdate.FIELDS);
        for (String field : UserPoolUpdate.FIELDS) {
            switch (field) {
                case "UserPoolId" -> assertThat(sent.get(field)).isEqualTo(pool.get("Id"));
                case "PoolName" -> assertThat(sent.get(field)).isEqualTo(pool.get("Name"));
                case "LambdaConfig" -> {
                    ObjectNode expected = pool.get("LambdaConfig").deepCopy();
                    expected.put("PreSignUp", PRE).put("PostConfirmation", POST);
                    assertThat(sent.get(field)).as(field).isEqualTo(expected);
                }
                case "AdminCreateUserConfig" -> {
                    // the deprecated twin of TemporaryPasswordValidityDays would be refused
                    ObjectNode expected = pool.get(field).deepCopy();
                    expected.remove("UnusedAccountValidityDays");
                    assertThat(sent.get(field)).as(field).isEqualTo(expected);
                }
                default -> assertThat(sent.get(field)).as(field).isNotNull().isEqualTo(pool.get(field));
            }
        }

        assertThat(lineOf(run.out(), "PreSignUp")).contains(OLD_PRE, PRE, "replaced");
        assertThat(lineOf(run.out(), "PostConfirmation  -")).contains(POST, "attached");
        assertThat(run.out()).contains("User pool us-east-1_AbCdEf123 (cruddur-user-pool): updated: only its Lambda "
                + "triggers changed.");
    }

    @Test
    void grantsCognitoThePermissionToInvokeEachFunctionBeforeUpdatingThePool() throws Exception {
        OpsRun run = attachBothTriggers();

        List<LoggedRequest> grants = aws.requests(addPermission());
        assertThat(grants).hasSize(2);
        assertThat(grants.get(0).getUrl()).isEqualTo("/2015-03-31/functions/"
                + "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Acruddur-PreSignUp/policy");
        JsonNode pre = JSON.readTree(grants.get(0).getBodyAsString());
        assertThat(pre.get("StatementId").asText()).isEqualTo("cruddur-cognito-pre-sign-up");
        assertThat(pre.get("Action").asText()).isEqualTo("lambda:InvokeFunction");
        assertThat(pre.get("Principal").asText()).isEqualTo("cognito-idp.amazonaws.com");
        assertThat(pre.get("SourceArn").asText()).isEqualTo(POOL_ARN);
        JsonNode post = JSON.readTree(grants.get(1).getBodyAsString());
        assertThat(post.get("StatementId").asText()).isEqualTo("cruddur-cognito-post-confirmation");
        assertThat(post.get("SourceArn").asText()).isEqualTo(POOL_ARN);
        assertThat(fieldNames(post)).containsExactlyInAnyOrder("StatementId", "Action", "Principal", "SourceArn");

        // the pool is updated after both permissions are in place
        List<LoggedRequest> all = aws.allRequests();
        int update = indexOf(all, "UpdateUserPool");
        assertThat(update).isGreaterThan(all.indexOf(grants.get(1)));
        assertThat(lineOf(run.out(), "cruddur-cognito-post-confirmation")).contains(POST, "granted");
    }

    @Test
    void anExistingIdenticalPermissionIsReportedAndOtherTriggersAreLeftAlone() throws Exception {
        aws.json("DescribeUserPool", RICH_POOL);
        aws.json("UpdateUserPool", "{}");
        statementExists("The statement id (cruddur-cognito-post-confirmation) provided already exists."
                + " Please provide a new statement id, or remove the existing statement.", POOL_ARN);

        OpsRun run = OpsRun.of(aws.with("cognito", "attach-triggers", "--user-pool-id", POOL_ID,
                "--post-confirmation", POST));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lineOf(run.out(), "cruddur-cognito-post-confirmation")).contains("already granted");
        JsonNode sent = JSON.readTree(aws.jsonRequests("UpdateUserPool").get(0).getBodyAsString());
        // without --pre-sign-up the pool's own Pre sign-up trigger stays
        assertThat(sent.get("LambdaConfig").get("PreSignUp").asText()).isEqualTo(OLD_PRE);
        assertThat(sent.get("LambdaConfig").get("PostConfirmation").asText()).isEqualTo(POST);
        assertThat(run.out()).doesNotContain("PreSignUp ");
    }

    @Test
    void aStatementForAnotherPoolStopsTheCommandBeforeThePoolChanges() throws Exception {
        aws.json("DescribeUserPool", RICH_POOL);
        statementExists("The statement id provided already exists.",
                "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Other");

        OpsRun run = OpsRun.of(aws.with("cognito", "attach-triggers", "--user-pool-id", POOL_ID,
                "--post-confirmation", POST));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1).contains("has a statement cruddur-cognito-post-confirmation for "
                + "another source (arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Other)",
                "aws lambda remove-permission --function-name " + POST + " --statement-id cruddur-cognito-post-confirmation");
        assertThat(aws.jsonRequests("UpdateUserPool")).isEmpty();
    }

    @Test
    void triggersAlreadyAttachedMeanNoUpdate() {
        aws.json("DescribeUserPool", RICH_POOL.replace("\"PreSignUp\": \"" + OLD_PRE + "\"",
                "\"PreSignUp\": \"" + PRE + "\", \"PostConfirmation\": \"" + POST + "\""));
        grantAnswers();

        OpsRun run = OpsRun.of(aws.with("cognito", "attach-triggers", "--user-pool-id", POOL_ID,
                "--post-confirmation", POST, "--pre-sign-up", PRE));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.jsonRequests("UpdateUserPool")).isEmpty();
        assertThat(lineOf(run.out(), "PostConfirmation  " + POST)).contains("unchanged");
        assertThat(run.out()).contains("not updated: the triggers were attached already");
    }

    @Test
    void dryRunPrintsBothRequestsAndSendsNeither() {
        aws.json("DescribeUserPool", RICH_POOL);

        OpsRun run = OpsRun.of(aws.with("cognito", "attach-triggers", "--user-pool-id", POOL_ID,
                "--post-confirmation", POST, "--dry-run"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.jsonRequests("UpdateUserPool")).isEmpty();
        assertThat(aws.requests(addPermission())).isEmpty();
        assertThat(aws.allRequests()).hasSize(1);
        assertThat(run.out()).contains("dry run, not sent: lambda AddPermissionRequest(FunctionName=" + POST
                        + ", StatementId=cruddur-cognito-post-confirmation, Action=lambda:InvokeFunction, "
                        + "Principal=cognito-idp.amazonaws.com, SourceArn=" + POOL_ARN + ")",
                "dry run, not sent: cognitoidentityprovider UpdateUserPoolRequest(UserPoolId=us-east-1_AbCdEf123",
                "PostConfirmation=" + POST, "MfaConfiguration=OPTIONAL", "DeletionProtection=ACTIVE",
                "User pool us-east-1_AbCdEf123 (cruddur-user-pool): dry run, not sent.");
    }

    @Test
    void cognitoRefusingThePoolsOwnSettingsIsOneLineSayingNothingChanged() {
        aws.json("DescribeUserPool", RICH_POOL);
        grantAnswers();
        aws.jsonError("UpdateUserPool", 400, "InvalidParameterException",
                "SMS configuration and Auto verification for phone_number are required when MFA is required/optional");

        OpsRun run = OpsRun.of(aws.with("cognito", "attach-triggers", "--user-pool-id", POOL_ID,
                "--post-confirmation", POST));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .startsWith("cruddur: CognitoIdentityProvider InvalidParameterException: SMS configuration")
                .contains("nothing was changed", "User pool > Extensions > Add Lambda trigger");
    }

    @Test
    void aConcurrentChangeIsReadAgainAndTheUpdateRetried() throws Exception {
        // someone else changes the pool's email subject while we attach: our retry must keep their change
        String changed = RICH_POOL.replace("\"EmailVerificationSubject\": \"Your Cruddur code\"",
                "\"EmailVerificationSubject\": \"Your new Cruddur code\"");
        inTurn("DescribeUserPool", ok(RICH_POOL), ok(changed));
        inTurn("UpdateUserPool", concurrentModification(), ok("{}"));
        grantAnswers();

        OpsRun run = OpsRun.of(aws.with("cognito", "attach-triggers", "--user-pool-id", POOL_ID, "--post-confirmation", POST));

        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(aws.jsonRequests("UpdateUserPool")).hasSize(2);
        assertThat(aws.jsonRequests("DescribeUserPool")).hasSize(2);
        JsonNode retried = JSON.readTree(aws.jsonRequests("UpdateUserPool").get(1).getBodyAsString());
        assertThat(retried.get("EmailVerificationSubject").asText()).isEqualTo("Your new Cruddur code");
        assertThat(retried.get("LambdaConfig").get("PostConfirmation").asText()).isEqualTo(POST);
        assertThat(run.err()).contains("Cognito is applying another change to " + POOL_ID);
        assertThat(run.out()).contains("updated: only its Lambda triggers changed");
    }

    @Test
    void aPoolThatKeepsChangingStopsAfterAFewTriesWithNothingChanged() {
        aws.json("DescribeUserPool", RICH_POOL);
        grantAnswers();
        aws.jsonError("UpdateUserPool", 400, "ConcurrentModificationException",
                "This exception is thrown if two or more modifications are happening concurrently.");

        OpsRun run = OpsRun.of(aws.with("cognito", "attach-triggers", "--user-pool-id", POOL_ID, "--post-confirmation", POST));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(aws.jsonRequests("UpdateUserPool")).hasSize(UserPoolWrite.ATTEMPTS);
        assertThat(run.err().lines().filter(line -> line.startsWith("cruddur:")).toList()).singleElement().asString()
                .contains("after 4 tries (ConcurrentModificationException); nothing was changed, run this again in a minute.");
    }

    /** Successive answers to one JSON-protocol operation; the last repeats. */
    private void inTurn(String operation, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            var mapping = post(urlPathMatching("/")).withHeader("X-Amz-Target",
                            com.github.tomakehurst.wiremock.client.WireMock.equalTo("AWSCognitoIdentityProviderService." + operation))
                    .inScenario(operation).whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED
                            : "answer-" + i);
            if (i + 1 < answers.length) {
                mapping = mapping.willSetStateTo("answer-" + (i + 1));
            }
            aws.stubFor(mapping.willReturn(answers[i]));
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    /** Cognito's answer while another change to the pool is applied: HTTP 400, the shape's name as __type (JSON 1.1). */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder concurrentModification() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(
                "{\"__type\":\"ConcurrentModificationException\",\"message\":\"This exception is thrown if two or more"
                        + " modifications are happening concurrently.\"}");
    }

    @Test
    void anUnknownPoolIsOneLine() {
        aws.jsonError("DescribeUserPool", 400, "ResourceNotFoundException", "User pool us-east-1_Nope does not exist.");

        OpsRun run = OpsRun.of(aws.with("cognito", "attach-triggers", "--user-pool-id", "us-east-1_Nope",
                "--post-confirmation", POST));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo(
                "cruddur: CognitoIdentityProvider ResourceNotFoundException: User pool us-east-1_Nope does not exist.");
    }

    @Test
    void aFunctionNameInsteadOfAnArnIsAUsageError() {
        OpsRun run = OpsRun.of(aws.with("cognito", "attach-triggers", "--user-pool-id", POOL_ID,
                "--post-confirmation", "cruddur-PostConfirmation"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--post-confirmation cruddur-PostConfirmation is not a Lambda function ARN");
        assertThat(aws.allRequests()).isEmpty();
    }

    /** Fails when an SDK upgrade adds a field to UpdateUserPoolRequest that {@link UserPoolUpdate} does not carry over. */
    @Test
    void everyFieldOfTheSdksUpdateUserPoolRequestIsCarriedOver() {
        Set<String> sdkFields = UpdateUserPoolRequest.builder().build().sdkFields().stream()
                .map(SdkField::locationName).collect(Collectors.toSet());
        assertThat(new HashSet<>(UserPoolUpdate.FIELDS)).isEqualTo(sdkFields);
    }

    /** attach-triggers for both functions, the pool and Lambda accepting every change; it must succeed. */
    private OpsRun attachBothTriggers() {
        aws.json("DescribeUserPool", RICH_POOL);
        aws.json("UpdateUserPool", "{}");
        grantAnswers();
        OpsRun run = OpsRun.of(aws.with("cognito", "attach-triggers", "--user-pool-id", POOL_ID,
                "--post-confirmation", POST, "--pre-sign-up", PRE));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    /**
     * The functions' policies already hold a statement of ours: AddPermission is refused with
     * {@code conflict}, and GetPolicy shows the statement, allowing {@code sourceArn}.
     */
    private void statementExists(String conflict, String sourceArn) throws Exception {
        aws.stubFor(post(urlPathMatching("/2015-03-31/functions/.*/policy")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "ResourceConflictException")
                .withBody(JSON.writeValueAsString(java.util.Map.of("Type", "User", "Message", conflict)))));
        aws.stubFor(get(urlPathMatching("/2015-03-31/functions/.*/policy")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(JSON.writeValueAsString(java.util.Map.of("RevisionId", "r1", "Policy", policy(sourceArn))))));
    }

    private void grantAnswers() {
        aws.stubFor(post(urlPathMatching("/2015-03-31/functions/.*/policy")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Statement\":\"{}\"}")));
    }

    private static RequestPatternBuilder addPermission() {
        return RequestPatternBuilder.newRequestPattern(com.github.tomakehurst.wiremock.http.RequestMethod.POST,
                urlPathMatching("/2015-03-31/functions/.*/policy"));
    }

    private static String policy(String sourceArn) {
        return """
                {"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"cruddur-cognito-post-confirmation",\
                "Effect":"Allow","Principal":{"Service":"cognito-idp.amazonaws.com"},"Action":"lambda:InvokeFunction",\
                "Resource":"%s","Condition":{"ArnLike":{"AWS:SourceArn":"%s"}}}]}""".formatted(POST, sourceArn);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int indexOf(List<LoggedRequest> requests, String operation) {
        for (int i = 0; i < requests.size(); i++) {
            String target = requests.get(i).getHeader("X-Amz-Target");
            if (target != null && target.endsWith("." + operation)) {
                return i;
            }
        }
        return -1;
    }

    private static String lineOf(String text, String containing) {
        return text.lines().filter(line -> line.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + containing + " in\n" + text));
    }
}
