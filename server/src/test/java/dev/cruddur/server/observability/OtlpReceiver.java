package dev.cruddur.server.observability;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on a socket of its own, as a collector is: it decodes each
 * protobuf export ({@code POST /v1/traces}), keeps its spans and raw bytes, and answers as a
 * collector that accepted everything.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A received span with the resource's service name it came under. */
    record Received(String serviceName, Span span) {
    }

    private final HttpServer server;
    private final List<Received> spans = new ArrayList<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final List<String> headers = new ArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
                }
                receiver.received(body, exchange.getRequestHeaders().entrySet().toString());
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
            }
        });
        server.start();
        return receiver;
    }

    private synchronized void received(byte[] body, String requestHeaders) {
        ExportTraceServiceRequest request;
        try {
            request = ExportTraceServiceRequest.parseFrom(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        raw.writeBytes(body);
        headers.add(requestHeaders);
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue())
                    .findFirst().orElse("");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(new Received(service, span));
                }
            }
        }
        notifyAll();
    }

    /** The endpoint, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} names it. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits (up to {@code timeout}) for a span that matches. */
    synchronized Received await(Predicate<Received> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Received> found = spans.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such span within " + timeout + "; received: "
                        + spans.stream().map(r -> r.span().getName()).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized List<Received> spans() {
        return List.copyOf(spans);
    }

    /** Everything received, as sent: to look for what must never be exported. */
    synchronized byte[] raw() {
        return raw.toByteArray();
    }

    synchronized List<String> requestHeaders() {
        return List.copyOf(headers);
    }

    static Optional<String> attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).map(KeyValue::getValue)
                .map(v -> v.hasStringValue() ? v.getStringValue() : v.hasIntValue() ? Long.toString(v.getIntValue())
                        : v.toString())
                .findFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
