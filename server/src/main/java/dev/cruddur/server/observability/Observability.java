package dev.cruddur.server.observability;

import com.zaxxer.hikari.HikariDataSource;
import dev.cruddur.database.StatementObservers;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.jdbi.v3.core.Jdbi;

/**
 * The signals an operator watches, started together: {@code /metrics} ({@link ServerMetrics}),
 * traces ({@link Tracing}) and what each request contributes to them and to the log
 * ({@link RequestSignals}). Closed after HTTP stops, so the last requests' spans are sent.
 */
public final class Observability implements AutoCloseable {

    private final ServerMetrics metrics;
    private final Tracing tracing;
    private final RequestSignals requests;

    private Observability(ServerMetrics metrics, Tracing tracing) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.requests = new RequestSignals(metrics, tracing);
    }

    public static Observability start(ObservabilitySettings settings) {
        ServerMetrics metrics = ServerMetrics.start(settings.metrics());
        try {
            return new Observability(metrics, Tracing.start(settings.tracing()));
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    /** The pool's meters in {@code /metrics}, and a span for each named statement run through {@code jdbi}. */
    public void watch(HikariDataSource pool, Jdbi jdbi) {
        metrics.watch(pool);
        if (tracing.exports()) {
            StatementObservers.observe(jdbi, tracing.sqlSpans());
        }
    }

    /** A count some part of the server keeps itself, in {@code /metrics}. */
    public <T> void counter(String name, String description, T owner, ToDoubleFunction<T> count, String... tags) {
        metrics.counter(name, description, owner, count, tags);
    }

    public RequestSignals requests() {
        return requests;
    }

    /** Where {@code /metrics} is served; empty when it is not. */
    public Optional<Integer> metricsPort() {
        return metrics.port();
    }

    @Override
    public void close() {
        try {
            tracing.close();
        } finally {
            metrics.close();
        }
    }
}
