package dev.cruddur.ops.cost;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.ops.AwsStub;
import dev.cruddur.ops.OpsRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BudgetCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final AwsStub aws = new AwsStub();

    @BeforeEach
    void account() {
        aws.callerIs("arn:aws:iam::123456789012:user/ops");
    }

    @Test
    void createsTheZeroSpendBudget() throws Exception {
        aws.jsonError("DescribeBudget", 400, "NotFoundException",
                "Unable to get budget: My Zero-Spend Budget - the budget doesn't exist.");
        aws.json("CreateBudget", "{}");

        OpsRun run = OpsRun.of("cost", "budget", "--zero-spend", "--email", "ops@example.com",
                "--endpoint-url", aws.url(), "--region", "eu-west-1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode describe = JSON.readTree(aws.jsonRequests("DescribeBudget").get(0).getBodyAsString());
        assertThat(describe.get("AccountId").asText()).isEqualTo("123456789012");
        assertThat(describe.get("BudgetName").asText()).isEqualTo("My Zero-Spend Budget");

        assertThat(aws.jsonRequests("CreateBudget")).hasSize(1);
        var create = aws.jsonRequests("CreateBudget").get(0);
        assertThat(create.getHeader("X-Amz-Target")).isEqualTo("AWSBudgetServiceGateway.CreateBudget");
        // At an --endpoint-url both sign for --region; without one, the SDK's endpoint rules pick the
        // partition's global Budgets endpoint and signing region (AwsClientsTest).
        assertThat(create.getHeader("Authorization")).contains("/eu-west-1/budgets/aws4_request");
        assertThat(aws.queryRequests("GetCallerIdentity").get(0).getHeader("Authorization"))
                .contains("/eu-west-1/sts/aws4_request");

        JsonNode body = JSON.readTree(create.getBodyAsString());
        assertThat(body.get("AccountId").asText()).isEqualTo("123456789012");
        JsonNode budget = body.get("Budget");
        assertThat(budget.get("BudgetName").asText()).isEqualTo("My Zero-Spend Budget");
        assertThat(budget.get("BudgetType").asText()).isEqualTo("COST");
        assertThat(budget.get("TimeUnit").asText()).isEqualTo("MONTHLY");
        assertThat(budget.get("BudgetLimit").get("Amount").asText()).isEqualTo("1.00");
        assertThat(budget.get("BudgetLimit").get("Unit").asText()).isEqualTo("USD");
        assertThat(budget.get("CostTypes").get("IncludeCredit").asBoolean()).isFalse();
        assertThat(budget.get("CostTypes").get("IncludeRefund").asBoolean()).isFalse();
        assertThat(budget.get("CostTypes").get("IncludeTax").asBoolean()).isTrue();
        JsonNode notifications = body.get("NotificationsWithSubscribers");
        assertThat(notifications).hasSize(1);
        JsonNode notification = notifications.get(0).get("Notification");
        assertThat(notification.get("NotificationType").asText()).isEqualTo("ACTUAL");
        assertThat(notification.get("ComparisonOperator").asText()).isEqualTo("GREATER_THAN");
        assertThat(notification.get("Threshold").asDouble()).isEqualTo(0.01);
        assertThat(notification.get("ThresholdType").asText()).isEqualTo("ABSOLUTE_VALUE");
        JsonNode subscribers = notifications.get(0).get("Subscribers");
        assertThat(subscribers).hasSize(1);
        assertThat(subscribers.get(0).get("SubscriptionType").asText()).isEqualTo("EMAIL");
        assertThat(subscribers.get(0).get("Address").asText()).isEqualTo("ops@example.com");

        assertThat(run.out()).contains("My Zero-Spend Budget", "created", "1.00 USD", "ACTUAL > 0.01 (ABSOLUTE_VALUE)",
                "EMAIL ops@example.com", "AWS mails ops@example.com when the actual spend of a month goes over $0.01");
    }

    @Test
    void anExistingBudgetIsShownAndNothingIsCreated() {
        aws.json("DescribeBudget", """
                {"Budget": {"BudgetName": "My Zero-Spend Budget", "BudgetLimit": {"Amount": "1.0", "Unit": "USD"},
                  "TimeUnit": "MONTHLY", "BudgetType": "COST",
                  "TimePeriod": {"Start": 1690848000, "End": 3706473600},
                  "CalculatedSpend": {"ActualSpend": {"Amount": "0.0", "Unit": "USD"}}}}""");
        aws.json("DescribeNotificationsForBudget", """
                {"Notifications": [{"NotificationType": "ACTUAL", "ComparisonOperator": "GREATER_THAN",
                  "Threshold": 0.01, "ThresholdType": "ABSOLUTE_VALUE", "NotificationState": "OK"}]}""");
        aws.json("DescribeSubscribersForNotification", """
                {"Subscribers": [{"SubscriptionType": "EMAIL", "Address": "someone@example.com"}]}""");

        OpsRun run = OpsRun.of(aws.with("cost", "budget", "--zero-spend", "--email", "ops@example.com"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.jsonRequests("CreateBudget")).isEmpty();
        assertThat(run.out()).contains("My Zero-Spend Budget", "exists, not changed", "1.00 USD", "MONTHLY",
                "ACTUAL > 0.01 (ABSOLUTE_VALUE)", "EMAIL someone@example.com", "0.00 USD",
                "ops@example.com is not among its subscribers");
        assertThat(aws.jsonRequests("DescribeSubscribersForNotification").get(0).getBodyAsString())
                .contains("\"NotificationType\":\"ACTUAL\"", "\"BudgetName\":\"My Zero-Spend Budget\"");
    }

    @Test
    void aBudgetCreatedMeanwhileByAnotherRunIsShownNotAnError() {
        // Looked up: absent. Created by someone else before our CreateBudget: DuplicateRecordException.
        aws.stubFor(post(urlPathEqualTo("/")).withHeader("X-Amz-Target", containing(".DescribeBudget"))
                .inScenario("race").whenScenarioStateIs(STARTED).willSetStateTo("created by another run")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"NotFoundException\",\"Message\":\"the budget doesn't exist.\"}")));
        aws.jsonError("CreateBudget", 400, "DuplicateRecordException",
                "Error creating budget: My Zero-Spend Budget - the budget already exists.");
        aws.stubFor(post(urlPathEqualTo("/")).withHeader("X-Amz-Target", containing(".DescribeBudget"))
                .inScenario("race").whenScenarioStateIs("created by another run")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("""
                                {"Budget": {"BudgetName": "My Zero-Spend Budget", "BudgetLimit": {"Amount": "1.0", "Unit": "USD"},
                                  "TimeUnit": "MONTHLY", "BudgetType": "COST"}}""")));
        aws.json("DescribeNotificationsForBudget", """
                {"Notifications": [{"NotificationType": "ACTUAL", "ComparisonOperator": "GREATER_THAN",
                  "Threshold": 0.01, "ThresholdType": "ABSOLUTE_VALUE"}]}""");
        aws.json("DescribeSubscribersForNotification", """
                {"Subscribers": [{"SubscriptionType": "EMAIL", "Address": "ops@example.com"}]}""");

        OpsRun run = OpsRun.of(aws.with("cost", "budget", "--zero-spend", "--email", "ops@example.com"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.jsonRequests("CreateBudget")).hasSize(1);
        assertThat(run.out()).contains("My Zero-Spend Budget", "created meanwhile by another run, not changed",
                "EMAIL ops@example.com");
        assertThat(run.printed()).doesNotContain("DuplicateRecordException");
    }

    @Test
    void dryRunShowsTheRequestAndSendsNoCreate() {
        aws.jsonError("DescribeBudget", 400, "NotFoundException", "the budget doesn't exist.");

        OpsRun run = OpsRun.of(aws.with("cost", "budget", "--zero-spend", "--email", "ops@example.com",
                "--budget-name", "cruddur-zero-spend", "--dry-run"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(aws.jsonRequests("CreateBudget")).isEmpty();
        assertThat(run.out()).contains("dry run, not sent: budgets CreateBudgetRequest(AccountId=123456789012",
                "BudgetName=cruddur-zero-spend", "ThresholdType=ABSOLUTE_VALUE",
                "dry run: would create \"cruddur-zero-spend\" in account 123456789012, mailing ops@example.com");
    }

    @Test
    void refusedByAwsIsOneLineWithAdvice() {
        aws.jsonError("DescribeBudget", 400, "NotFoundException", "the budget doesn't exist.");
        aws.jsonError("CreateBudget", 400, "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: budgets:ModifyBudget");

        OpsRun run = OpsRun.of(aws.with("cost", "budget", "--zero-spend", "--email", "ops@example.com"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).hasLineCount(1)
                .startsWith("cruddur: Budgets AccessDeniedException: User: arn:aws:iam::123456789012:user/ops is not "
                        + "authorized to perform: budgets:ModifyBudget")
                .contains("IAM permission");
    }

    @Test
    void aMalformedEmailIsAUsageErrorBeforeAnythingIsSent() {
        OpsRun run = OpsRun.of(aws.with("cost", "budget", "--zero-spend", "--email", "ops.example.com"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--email ops.example.com is not an email address.");
        assertThat(aws.allRequests()).isEmpty();
    }
}
