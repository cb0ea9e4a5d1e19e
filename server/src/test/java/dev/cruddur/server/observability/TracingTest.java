package dev.cruddur.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.TestServer;
import dev.cruddur.server.observability.OtlpReceiver.Received;
import dev.cruddur.testkit.http.ApiClient.Response;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's spans, as an OTLP collector receives them over HTTP. */
class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDirectory;

    @Test
    void eachRequestIsASpanWithAChildSpanPerStatementAndTheRequestId() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start();
             TestServer server = traced(receiver).start()) {
            String token = server.accounts().create("ada@example.com", "Ada", "ada");
            String secretWords = "tangerine-walrus-" + System.nanoTime();
            String crud = server.client().postCrud(token, secretWords, "1-day");

            Response read = server.client().send(server.client().request("/api/activities/" + crud)
                    .header("X-Request-Id", "trace-me-42").GET().build());
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("X-Request-Id")).isEqualTo("trace-me-42");

            Received request = receiver.await(r -> r.span().getName().equals("GET /api/activities/{uuid}")
                    && OtlpReceiver.attribute(r.span(), "request_id").orElse("").equals("trace-me-42"), WAIT);
            Span span = request.span();
            assertThat(request.serviceName()).isEqualTo("cruddur-under-test");
            assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(span.getParentSpanId().isEmpty()).isTrue();
            assertThat(OtlpReceiver.attribute(span, "http.request.method")).contains("GET");
            assertThat(OtlpReceiver.attribute(span, "http.route")).contains("/api/activities/{uuid}");
            assertThat(OtlpReceiver.attribute(span, "http.response.status_code")).contains("200");

            Received statement = receiver.await(r -> r.span().getParentSpanId().equals(span.getSpanId())
                    && r.span().getName().equals("ActivityDao.findVisible"), WAIT);
            assertThat(statement.span().getTraceId()).isEqualTo(span.getTraceId());
            assertThat(statement.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(statement.span().getStartTimeUnixNano()).isGreaterThanOrEqualTo(span.getStartTimeUnixNano());
            assertThat(statement.span().getEndTimeUnixNano()).isLessThanOrEqualTo(span.getEndTimeUnixNano());

            // The post: its own span, its insert as a child, and the crud's words nowhere in what was sent.
            Received post = receiver.await(r -> r.span().getName().equals("POST /api/activities"), WAIT);
            receiver.await(r -> r.span().getParentSpanId().equals(post.span().getSpanId())
                    && r.span().getName().equals("ActivityDao.insertCrud"), WAIT);
            // The sign-in's statements run through JDBI's SQL objects: named by their method (and .sql file).
            receiver.await(r -> r.span().getName().startsWith("AccountDao."), WAIT);
            String everything = new String(receiver.raw(), StandardCharsets.ISO_8859_1);
            assertThat(everything).doesNotContain(secretWords).doesNotContain(token);
            assertThat(receiver.requestHeaders()).anyMatch(h -> h.contains("test-team-key"));
        }
    }

    @Test
    void aMadeUpRequestIdIsUsedWhenTheCallersIsNotSane() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start();
             TestServer server = traced(receiver).start()) {
            for (String insane : List.of("has space", "x".repeat(129), "quote\"d", "semi;colon")) {
                Response response = server.client().send(server.client().request("/api/activities/home")
                        .header("X-Request-Id", insane).GET().build());
                String id = response.header("X-Request-Id");
                assertThat(id).matches("[0-9a-f]{32}");
                receiver.await(r -> OtlpReceiver.attribute(r.span(), "request_id").orElse("").equals(id), WAIT);
            }
            String made = server.client().get("/api/activities/home").header("X-Request-Id");
            assertThat(made).matches("[0-9a-f]{32}").isNotEqualTo(server.client().get("/api/activities/home").header("X-Request-Id"));
        }
    }

    private static TestServer.Builder traced(OtlpReceiver receiver) {
        // Sent in batches every 50 ms, not the SDK's 5 s, so the test does not wait.
        return TestServer.withLocalIdentity(Path.of("target", "tracing-test-" + System.nanoTime()))
                .environment("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())
                .environment("OTEL_EXPORTER_OTLP_HEADERS", "x-honeycomb-team=test-team-key")
                .environment("OTEL_SERVICE_NAME", "cruddur-under-test")
                .environment("OTEL_BSP_SCHEDULE_DELAY", "50");
    }
}
