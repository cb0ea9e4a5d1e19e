package dev.cruddur.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stand-in for the AWS APIs: WireMock answering with AWS-shaped XML (the Query protocol
 * of EC2 and RDS) or JSON (Cognito, Budgets, Lambda), and recording every request so tests can
 * assert exactly what the real SDK sent.
 *
 * <p>Registered with {@code @RegisterExtension}, it stops after each test, once the test's own
 * {@code @AfterEach} methods have looked at what it recorded.
 */
public final class AwsStub implements AfterEachCallback {

    public static final String REGION = "us-east-1";

    private final WireMockServer server;

    public AwsStub() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    /** The address to pass as {@code --endpoint-url}. */
    public String url() {
        return "http://localhost:" + server.port();
    }

    /** {@code args} followed by the flags that point a command at this stand-in. */
    public String[] with(String... args) {
        return Stream.concat(Stream.of(args), Stream.of("--endpoint-url", url(), "--region", REGION)).toArray(String[]::new);
    }

    // ---- Query protocol (EC2, RDS, STS): form posts told apart by their Action parameter ----

    /** Answers the Query-protocol {@code action} with {@code xml} (HTTP 200). */
    public void query(String action, String xml) {
        query(action, Answer.ok(xml));
    }

    /** Answers {@code action} only when the form also carries {@code parameter=value} (pagination, filters). */
    public void query(String action, String parameter, String value, String xml) {
        stub(queryRequest(action).withFormParam(parameter, equalTo(value)), 200, "text/xml", xml);
    }

    /** Answers the Query-protocol {@code action} with {@code answer}, e.g. an {@link Answer#queryError}. */
    public void query(String action, Answer answer) {
        stub(queryRequest(action), answer.status(), "text/xml", answer.body());
    }

    /**
     * Successive answers to one Query-protocol action (a WireMock scenario): the first call gets
     * the first answer, and so on; the last answer repeats. This is how an instance moves from
     * {@code creating} to {@code available} while a command polls.
     */
    public void inTurn(String action, Answer... answers) {
        String scenario = action + "-" + System.identityHashCode(answers);
        for (int i = 0; i < answers.length; i++) {
            ScenarioMappingBuilder mapping = queryRequest(action).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i);
            stub(i + 1 < answers.length ? mapping.willSetStateTo("answer-" + (i + 1)) : mapping,
                    answers[i].status(), "text/xml", answers[i].body());
        }
    }

    /** One answer to a Query-protocol action. */
    public record Answer(int status, String body) {

        public static Answer ok(String xml) {
            return new Answer(200, xml);
        }

        /** RDS's, STS's and IAM's error document: {@code <ErrorResponse><Error><Code>…}. */
        public static Answer queryError(int status, String code, String message) {
            return new Answer(status, """
                    <ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>\
                    <RequestId>stub-request</RequestId></ErrorResponse>""".formatted(code, message));
        }

        /** EC2's error document, as it sends it with HTTP 400: {@code <Response><Errors><Error><Code>…}. */
        public static Answer ec2Error(int status, String code, String message) {
            return new Answer(status, """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors>\
                    <RequestID>5e2b3f1c-7d1a-4c2e-9a3b-0f1e2d3c4b5a</RequestID></Response>""".formatted(code, message));
        }
    }

    /**
     * A Query-protocol answer as RDS, IAM and STS send it: {@code <ActionResponse>} in the service's
     * namespace, the {@code <ActionResult>} (none when {@code result} is null), then the request ID.
     * EC2 answers otherwise (see {@link Ec2Xml}).
     */
    public static String queryResponse(String namespace, String action, String result, String requestId) {
        return """
                <%1$sResponse xmlns="%2$s">%3$s
                  <ResponseMetadata><RequestId>%4$s</RequestId></ResponseMetadata>
                </%1$sResponse>""".formatted(action, namespace,
                result == null ? "" : "<%1$sResult>%2$s</%1$sResult>".formatted(action, result), requestId);
    }

    /** STS GetCallerIdentity: the signed-in identity is {@code arn}, in account 123456789012. */
    public void callerIs(String arn) {
        query("GetCallerIdentity", queryResponse("https://sts.amazonaws.com/doc/2011-06-15/", "GetCallerIdentity",
                "<Arn>%s</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>".formatted(arn), "r1"));
    }

    /** Every Query-protocol request for {@code action}, oldest first. */
    public List<LoggedRequest> queryRequests(String action) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/")).withFormParam("Action", equalTo(action)));
    }

    // ---- JSON protocol (Cognito, Budgets): told apart by X-Amz-Target ----

    /** Answers the JSON-protocol call whose {@code X-Amz-Target} ends with {@code operation}. */
    public void json(String operation, String body) {
        stub(jsonRequest(operation), 200, "application/x-amz-json-1.1", body);
    }

    /** A JSON-protocol error: {@code {"__type": code, "message": …}}. */
    public void jsonError(String operation, int status, String code, String message) {
        stub(jsonRequest(operation), status, "application/x-amz-json-1.1",
                "{\"__type\":\"%s\",\"message\":\"%s\"}".formatted(code, message));
    }

    public List<LoggedRequest> jsonRequests(String operation) {
        return server.findAll(RequestPatternBuilder.allRequests()
                .withHeader("X-Amz-Target", containing("." + operation)));
    }

    // ---- anything else (Lambda's REST-JSON) ----

    /** Registers a raw stub, for REST-style APIs. */
    public void stubFor(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    public List<LoggedRequest> requests(RequestPatternBuilder pattern) {
        return server.findAll(pattern);
    }

    /** Every request the stand-in received, oldest first. */
    public List<LoggedRequest> allRequests() {
        return new ArrayList<>(server.findAll(RequestPatternBuilder.allRequests()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.stop();
    }

    private static MappingBuilder queryRequest(String action) {
        return post(urlPathEqualTo("/")).withFormParam("Action", equalTo(action));
    }

    private static MappingBuilder jsonRequest(String operation) {
        return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", containing("." + operation));
    }

    private void stub(MappingBuilder request, int status, String contentType, String body) {
        server.stubFor(request.willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withBody(body)));
    }
}
