package dev.cruddur.ops.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.Ec2Xml;
import dev.cruddur.ops.rds.RdsXml;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A whole deployment as the stand-in answers it, every answer shaped as the service model says:
 * the instance with its own group and one operator rule, the user pool with both Cruddur triggers
 * (and a trigger of someone else's), the two functions with their policies, role policies and log
 * groups, the budget, and the instance's public address.
 */
final class Deployment {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SG = "sg-0aaa1111";
    static final String POOL_ID = "us-east-1_AbCdEf123";
    static final String POOL_ARN = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + POOL_ID;
    static final String ROLE = "arn:aws:iam::123456789012:role/cruddur-lambda";
    static final String FUNCTIONS = "/2015-03-31/functions";
    static final String POST = "cruddur-PostConfirmation";
    static final String PRE = "cruddur-PreSignUp";
    static final String OTHERS = "arn:aws:lambda:us-east-1:123456789012:function:someone-elses-CustomMessage";
    static final String ALICE = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0a1b2c3d/alice@example.com";
    static final String OURS = "cruddur: operator access (alice@example.com)";
    private static final String IAM = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final AwsStub aws;

    Deployment(AwsStub aws) {
        this.aws = aws;
    }

    static String arn(String function) {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + function;
    }

    /** Everything in place, the instance available and public. */
    void everything() {
        aws.callerIs(ALICE);
        aws.query("DescribeDBInstances", RdsXml.describe(RdsXml.instance("available").publiclyAccessible(true)));
        ownGroup(true);
        rules(rule("sgr-0alice", "203.0.113.7/32", OURS), rule("sgr-0https", "198.51.100.0/24", "office, not ours"));
        pool(true);
        functions(POST, PRE);
        policies();
        rolePolicy();
        logGroups(POST, PRE);
        budget(true);
        secret();
        addresses(true);
        snapshots();
    }

    /** The group rds create made: named rds-ID, tagged with the instance. */
    void ownGroup(boolean exists) {
        aws.query("DescribeSecurityGroups", Ec2Xml.securityGroups(!exists ? "" : Ec2Xml.securityGroup(SG,
                "rds-" + RdsXml.ID, "vpc-0a", Map.of("cruddur:managed-by", "cruddur", "cruddur:db-instance", RdsXml.ID))));
    }

    void rules(String... items) {
        aws.query("DescribeSecurityGroupRules",
                Ec2Xml.list("DescribeSecurityGroupRules", "securityGroupRuleSet", items));
    }

    static String rule(String id, String cidr, String description) {
        return """
                <item><securityGroupRuleId>%s</securityGroupRuleId><groupId>%s</groupId><groupOwnerId>123456789012</groupOwnerId>
                  <isEgress>false</isEgress><ipProtocol>tcp</ipProtocol><fromPort>5432</fromPort><toPort>5432</toPort>
                  <cidrIpv4>%s</cidrIpv4><description>%s</description><tagSet/></item>""".formatted(id, SG, cidr, description);
    }

    /** The pool; with {@code cruddurTriggers} its PreSignUp and PostConfirmation call our functions. */
    void pool(boolean cruddurTriggers) {
        String ours = cruddurTriggers ? "\"PreSignUp\": \"%s\", \"PostConfirmation\": \"%s\",".formatted(arn(PRE), arn(POST)) : "";
        aws.json("DescribeUserPool", """
                {"UserPool": {"Id": "%s", "Name": "cruddur-user-pool", "Arn": "%s",
                  "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireUppercase": true, "RequireLowercase": true,
                    "RequireNumbers": true, "RequireSymbols": false, "TemporaryPasswordValidityDays": 7}},
                  "DeletionProtection": "ACTIVE",
                  "LambdaConfig": {%s "CustomMessage": "%s"},
                  "Status": "Enabled", "LastModifiedDate": 1.717E9, "CreationDate": 1.7E9,
                  "AutoVerifiedAttributes": ["email"], "UsernameAttributes": ["email"],
                  "MfaConfiguration": "OFF", "EstimatedNumberOfUsers": 3,
                  "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": false},
                  "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]}
                }}""".formatted(POOL_ID, POOL_ARN, ours, OTHERS));
    }

    /** ListFunctions and GetFunction: the named Cruddur functions, and a function of someone else's. */
    void functions(String... names) {
        List<String> configs = new ArrayList<>();
        for (String name : names) {
            String config = configuration(name, name.equals(PRE) ? "PreSignUpHandler" : "PostConfirmationHandler");
            configs.add(config);
            aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + name)).willReturn(json("""
                    {"Configuration": %s, "Code": {"RepositoryType": "S3", "Location": "https://awslambda-us-east-1-tasks.s3.amazonaws.com/snapshots/x"}}"""
                    .formatted(config))));
        }
        configs.add("""
                {"FunctionName": "someone-elses-CustomMessage", "FunctionArn": "%s", "Runtime": "nodejs22.x", "Role": "%s",
                 "Handler": "index.handler", "CodeSize": 300, "MemorySize": 128, "Timeout": 3,
                 "LastModified": "2025-01-01T00:00:00.000+0000", "Architectures": ["x86_64"]}""".formatted(OTHERS, ROLE));
        aws.stubFor(get(urlPathMatching(FUNCTIONS + "/?")).willReturn(json(
                "{\"Functions\": [" + String.join(",", configs) + "]}")));
    }

    static String configuration(String name, String handler) {
        return """
                {"FunctionName": "%s", "FunctionArn": "%s", "Runtime": "java21", "Role": "%s",
                 "Handler": "dev.cruddur.lambda.%s::handleRequest", "CodeSize": 3000000, "MemorySize": 512, "Timeout": 10,
                 "LastModified": "2025-06-01T18:00:00.000+0000", "Architectures": ["x86_64"],
                 "Environment": {"Variables": {"DATABASE_SECRET_ARN": "%s", "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED": "false",
                   "CONNECTION_URL": "postgresql://%s:5432/cruddur"}},
                 "State": "Active", "LastUpdateStatus": "Successful"}""".formatted(name, arn(name), ROLE, handler,
                RdsXml.SECRET_ARN, RdsXml.HOST);
    }

    /** Lambda's answer for a function that is not there (HTTP 404, as the model says). */
    void functionGone(String name) {
        aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + name)).willReturn(notFound(name)));
    }

    static ResponseDefinitionBuilder notFound(String name) {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withBody("{\"Type\":\"User\",\"Message\":\"Function not found: " + arn(name) + "\"}");
    }

    /** Each function's resource policy holds the statement attach-triggers granted. */
    void policies() {
        for (String name : List.of(POST, PRE)) {
            String sid = name.equals(PRE) ? "cruddur-cognito-pre-sign-up" : "cruddur-cognito-post-confirmation";
            String policy = """
                    {"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"%s","Effect":"Allow",\
                    "Principal":{"Service":"cognito-idp.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"%s",\
                    "Condition":{"ArnLike":{"AWS:SourceArn":"%s"}}}]}""".formatted(sid, arn(name), POOL_ARN);
            aws.stubFor(get(urlPathEqualTo(FUNCTIONS + "/" + name + "/policy")).willReturn(json(
                    JSON.createObjectNode().put("Policy", policy).put("RevisionId", "rev-1").toString())));
        }
    }

    /** The functions' role holds a database-secret policy (its document URL-encoded, as IAM sends it). */
    void rolePolicy() {
        aws.query("GetRolePolicy", AwsStub.queryResponse(IAM, "GetRolePolicy", """
                <RoleName>cruddur-lambda</RoleName><PolicyName>cruddur-x-database-secret</PolicyName>
                <PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</PolicyDocument>""", "p1"));
    }

    void logGroups(String... functions) {
        aws.json("DescribeLogGroups", Arrays.stream(functions).map(function -> """
                {"logGroupName": "/aws/lambda/%1$s", "creationTime": 1717261200000, "metricFilterCount": 0,
                 "arn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/%1$s:*", "storedBytes": 2048,
                 "logGroupClass": "STANDARD", "logGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/%1$s"}"""
                .formatted(function)).collect(Collectors.joining(",", "{\"logGroups\": [", "]}")));
    }

    void budget(boolean exists) {
        if (!exists) {
            aws.jsonError("DescribeBudget", 400, "NotFoundException",
                    "Unable to get budget: My Zero-Spend Budget - the budget doesn't exist.");
            return;
        }
        aws.json("DescribeBudget", """
                {"Budget": {"BudgetName": "My Zero-Spend Budget", "BudgetLimit": {"Amount": "1.0", "Unit": "USD"},
                  "CostTypes": {"IncludeTax": true, "IncludeSubscription": true, "UseBlended": false, "IncludeRefund": false,
                    "IncludeCredit": false, "IncludeUpfront": true, "IncludeRecurring": true, "IncludeOtherSubscription": true,
                    "IncludeSupport": true, "IncludeDiscount": true, "UseAmortized": false},
                  "TimeUnit": "MONTHLY", "TimePeriod": {"Start": 1.7172E9, "End": 3.7063E9},
                  "CalculatedSpend": {"ActualSpend": {"Amount": "0.42", "Unit": "USD"},
                    "ForecastedSpend": {"Amount": "0.9", "Unit": "USD"}},
                  "BudgetType": "COST", "LastUpdatedTime": 1.7172E9}}""");
    }

    /** The instance's RDS-managed secret, described (never read). */
    void secret() {
        aws.json("DescribeSecret", """
                {"ARN": "%s", "Name": "rds!db-3f1a", "RotationEnabled": true, "LastRotatedDate": 1.7172E9,
                 "LastChangedDate": 1.7172E9, "OwningService": "rds", "CreatedDate": 1.7E9}""".formatted(RdsXml.SECRET_ARN));
    }

    /** The instance's interface holds a public IPv4 address; no Elastic IPs, no NAT gateways. */
    void addresses(boolean publicInstance) {
        aws.query("DescribeAddresses", Ec2Xml.list("DescribeAddresses", "addressesSet"));
        String eni = !publicInstance ? "" : """
                <item><networkInterfaceId>eni-0rds</networkInterfaceId><subnetId>subnet-a</subnetId><vpcId>vpc-0a</vpcId>
                  <availabilityZone>us-east-1a</availabilityZone><description>RDSNetworkInterface</description>
                  <ownerId>123456789012</ownerId><requesterId>amazon-rds</requesterId><requesterManaged>true</requesterManaged>
                  <status>in-use</status><privateIpAddress>172.31.5.6</privateIpAddress>
                  <groupSet><item><groupId>%s</groupId><groupName>rds-cruddur-db-instance</groupName></item></groupSet>
                  <interfaceType>interface</interfaceType>
                  <association><publicIp>3.80.1.2</publicIp><ipOwnerId>amazon</ipOwnerId></association>
                  <privateIpAddressesSet/><tagSet/></item>""".formatted(SG);
        aws.query("DescribeNetworkInterfaces", Ec2Xml.list("DescribeNetworkInterfaces", "networkInterfaceSet", eni));
        aws.query("DescribeNatGateways", Ec2Xml.list("DescribeNatGateways", "natGatewaySet"));
    }

    /** DescribeDBSnapshots (manual ones of the instance): {@code names} each 20 GB. */
    void snapshots(String... names) {
        aws.query("DescribeDBSnapshots", RdsXml.page("DescribeDBSnapshots", "DBSnapshots", null, Arrays.stream(names).map(name -> """
                <DBSnapshot><DBSnapshotIdentifier>%1$s</DBSnapshotIdentifier><DBInstanceIdentifier>%2$s</DBInstanceIdentifier>
                  <SnapshotCreateTime>2025-06-01T18:05:00Z</SnapshotCreateTime><Engine>postgres</Engine>
                  <AllocatedStorage>20</AllocatedStorage><Status>available</Status><Port>5432</Port>
                  <AvailabilityZone>us-east-1a</AvailabilityZone><VpcId>vpc-0a</VpcId><EngineVersion>16.3</EngineVersion>
                  <SnapshotType>manual</SnapshotType><StorageType>gp2</StorageType><Encrypted>true</Encrypted>
                  <DBSnapshotArn>arn:aws:rds:us-east-1:123456789012:snapshot:%1$s</DBSnapshotArn></DBSnapshot>"""
                .formatted(name, RdsXml.ID)).toArray(String[]::new)));
    }

    /** Every deletion answered as the services answer it. */
    void deletionsSucceed() {
        aws.json("UpdateUserPool", "{}");
        aws.stubFor(delete(urlPathMatching(FUNCTIONS + "/[^/]+/policy/[^/]+")).willReturn(aResponse().withStatus(204)));
        aws.stubFor(delete(urlPathMatching(FUNCTIONS + "/[^/]+")).willReturn(aResponse().withStatus(204)));
        aws.query("DeleteRolePolicy", AwsStub.queryResponse(IAM, "DeleteRolePolicy", null, "d1"));
        aws.json("DeleteLogGroup", "");
        aws.query("RevokeSecurityGroupIngress", Ec2Xml.returned("RevokeSecurityGroupIngress"));
        aws.json("DeleteBudget", "{}");
        aws.query("DeleteDBInstance", RdsXml.result("DeleteDBInstance", RdsXml.instance("deleting")));
        aws.query("DeleteSecurityGroup", Ec2Xml.returned("DeleteSecurityGroup"));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /**
     * Every request that could change something, in the order sent: a Query action or a JSON
     * operation that is not a Describe/Get/List, or a REST call that is not a GET.
     */
    static List<String> mutating(AwsStub aws) {
        List<String> calls = new ArrayList<>();
        for (LoggedRequest request : aws.allRequests()) {
            var action = request.formParameters().get("Action");
            String target = request.getHeader("X-Amz-Target");
            String call = action != null ? action.firstValue()
                    : target != null ? target.substring(target.indexOf('.') + 1)
                    : request.getMethod().getName() + " " + request.getUrl();
            if (!call.matches("(Describe|Get|List|GET ).*")) {
                calls.add(call);
            }
        }
        return calls;
    }
}
