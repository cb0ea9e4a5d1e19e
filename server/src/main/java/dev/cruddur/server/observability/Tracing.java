package dev.cruddur.server.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK, configured from the standard {@code OTEL_*} variables when an OTLP
 * endpoint is named; otherwise nothing at all (a no-op tracer whose spans cost a null check).
 * Only traces are exported: the metrics are {@code /metrics}'s, the logs go to standard output.
 */
public final class Tracing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tracing.class);
    static final String INSTRUMENTATION = "dev.cruddur.server";

    /**
     * What Cruddur sets unless the environment says otherwise: its service name, OTLP over
     * HTTP with protobuf (the one protocol its exporter speaks: the JDK's HTTP client, no gRPC
     * stack), and no export of the SDK's metrics and logs (autoconfiguration would send both to
     * the endpoint too).
     */
    private static final Map<String, String> DEFAULTS = Map.of(
            "otel.service.name", "cruddur",
            "otel.exporter.otlp.protocol", "http/protobuf",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none");

    private final Optional<OpenTelemetrySdk> sdk;
    private final Tracer tracer;

    private Tracing(Optional<OpenTelemetrySdk> sdk, Tracer tracer) {
        this.sdk = sdk;
        this.tracer = tracer;
    }

    public static Tracing start(TracingSettings settings) {
        if (!settings.exports()) {
            return new Tracing(Optional.empty(), OpenTelemetry.noop().getTracer(INSTRUMENTATION));
        }
        String protocol = settings.variables().getOrDefault("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
                settings.variables().getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        if (!protocol.equals("http/protobuf")) {
            throw new IllegalArgumentException("OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf (Cruddur exports over"
                    + " HTTP only; a collector listens for it on port 4318), not '" + protocol + "'");
        }
        OpenTelemetrySdk sdk;
        try {
            sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> DEFAULTS)
                    // The server's settings (its environment, or a test's) over what the SDK read itself.
                    .addPropertiesCustomizer(read -> settings.asProperties())
                    .disableShutdownHook()
                    .build()
                    .getOpenTelemetrySdk();
        } catch (ConfigurationException e) {
            // The SDK's own words: which OTEL_ variable it could not use (never a header's value).
            throw new IllegalArgumentException("Cannot export traces with these OTEL_* settings: " + e.getMessage(), e);
        }
        log.info("Traces are exported over OTLP to {}", endpoint(settings));
        return new Tracing(Optional.of(sdk), sdk.getTracer(INSTRUMENTATION));
    }

    /** Where to, without the path's query or credentials a URL might carry. */
    private static String endpoint(TracingSettings settings) {
        String url = settings.variables().getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                settings.variables().get("OTEL_EXPORTER_OTLP_ENDPOINT"));
        try {
            java.net.URI uri = java.net.URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "(the configured endpoint)";
        }
    }

    /** True when spans are recorded and exported. */
    public boolean exports() {
        return sdk.isPresent();
    }

    Tracer tracer() {
        return tracer;
    }

    /** Child spans for the SQL statements run inside a request's span. */
    public SqlSpans sqlSpans() {
        return new SqlSpans(tracer);
    }

    /** Sends the spans still buffered (waiting at most a few seconds), then stops the SDK. */
    @Override
    public void close() {
        sdk.ifPresent(open -> open.shutdown().join(5, TimeUnit.SECONDS));
    }
}
