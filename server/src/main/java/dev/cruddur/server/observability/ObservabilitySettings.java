package dev.cruddur.server.observability;

import java.util.Map;
import java.util.Optional;

/**
 * What the server tells its operator, and where: {@code /metrics} ({@link MetricsSettings}) and
 * traces ({@link TracingSettings}). The log's format is the command line's to choose
 * ({@code LOG_FORMAT}), since it is set before the server exists.
 *
 * @param metrics empty: no {@code /metrics}, and nothing is counted
 */
public record ObservabilitySettings(Optional<MetricsSettings> metrics, TracingSettings tracing) {

    public static ObservabilitySettings fromEnvironment(Map<String, String> env) {
        return new ObservabilitySettings(MetricsSettings.fromEnvironment(env), TracingSettings.fromEnvironment(env));
    }
}
