package dev.cruddur.server.observability;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenTelemetry SDK's own variables ({@code OTEL_*}, as its autoconfiguration documents
 * them), kept for it to read. Traces are exported only when an OTLP endpoint is named
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}); without
 * one no SDK is started at all.
 *
 * @param variables every {@code OTEL_*} variable of the environment, as given
 */
public record TracingSettings(Map<String, String> variables) {

    static final String PREFIX = "OTEL_";

    public TracingSettings {
        variables = Map.copyOf(variables);
    }

    public static TracingSettings fromEnvironment(Map<String, String> env) {
        Map<String, String> otel = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && value != null && !value.isBlank()) {
                otel.put(name, value.strip());
            }
        });
        return new TracingSettings(otel);
    }

    /** True when an endpoint is named and the SDK is not switched off ({@code OTEL_SDK_DISABLED=true}). */
    public boolean exports() {
        boolean endpoint = variables.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
                || variables.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        return endpoint && !"true".equalsIgnoreCase(variables.get("OTEL_SDK_DISABLED"));
    }

    /** As the SDK's configuration properties: {@code OTEL_SERVICE_NAME} is {@code otel.service.name}. */
    Map<String, String> asProperties() {
        Map<String, String> properties = new TreeMap<>();
        variables.forEach((name, value) -> properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
        return properties;
    }

    /** Never the values: OTEL_EXPORTER_OTLP_HEADERS carries the backend's API key. */
    @Override
    public String toString() {
        return "TracingSettings" + variables.keySet();
    }
}
