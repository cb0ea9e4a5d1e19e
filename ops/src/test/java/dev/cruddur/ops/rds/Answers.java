package dev.cruddur.ops.rds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cruddur.ops.AwsStub;

/**
 * Successive answers to one Query-protocol action (a WireMock scenario): the first call gets the
 * first answer, and so on; the last answer repeats. This is how an instance moves from
 * {@code creating} to {@code available} while a command polls.
 */
public final class Answers {

    /** One HTTP answer. */
    public record Answer(int status, String body) {
    }

    private Answers() {
    }

    public static Answer ok(String xml) {
        return new Answer(200, xml);
    }

    public static Answer rdsError(int status, String code, String message) {
        return new Answer(status, """
                <ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>\
                <RequestId>stub-request</RequestId></ErrorResponse>""".formatted(code, message));
    }

    public static Answer notFound(String id) {
        return rdsError(404, "DBInstanceNotFound", "DBInstance " + id + " not found.");
    }

    /** Answers {@code action} (optionally only when {@code param=value}) with {@code answers} in turn. */
    public static void inTurn(AwsStub aws, String action, Answer... answers) {
        String scenario = action + "-" + System.identityHashCode(answers);
        for (int i = 0; i < answers.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer-" + i;
            var mapping = post(urlPathEqualTo("/")).withFormParam("Action", equalTo(action))
                    .inScenario(scenario).whenScenarioStateIs(state);
            if (i + 1 < answers.length) {
                mapping = mapping.willSetStateTo("answer-" + (i + 1));
            }
            aws.stubFor(mapping.willReturn(aResponse().withStatus(answers[i].status())
                    .withHeader("Content-Type", "text/xml").withBody(answers[i].body())));
        }
    }
}
