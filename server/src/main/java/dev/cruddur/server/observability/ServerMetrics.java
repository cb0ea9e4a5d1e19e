package dev.cruddur.server.observability;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's metrics, in one Micrometer registry served as Prometheus text at
 * {@code /metrics} ({@link MetricsEndpoint}). Without {@code METRICS_PORT} the registry is an
 * empty composite, whose meters are no-ops: nothing is counted that nobody can read.
 */
public final class ServerMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerMetrics.class);

    private final MeterRegistry registry;
    private final Optional<MetricsEndpoint> endpoint;
    private final Optional<JvmGcMetrics> gc;

    private ServerMetrics(MeterRegistry registry, Optional<MetricsEndpoint> endpoint, Optional<JvmGcMetrics> gc) {
        this.registry = registry;
        this.endpoint = endpoint;
        this.gc = gc;
    }

    /** Counts and serves when {@code settings} is present; otherwise counts nothing. */
    public static ServerMetrics start(Optional<MetricsSettings> settings) {
        if (settings.isEmpty()) {
            return new ServerMetrics(new CompositeMeterRegistry(), Optional.empty(), Optional.empty());
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(prometheus);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new ClassLoaderMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        MetricsEndpoint endpoint = MetricsEndpoint.start(settings.get(), prometheus);
        log.info("Metrics are served at http://{}:{}/metrics{}", settings.get().host(), endpoint.port(),
                settings.get().token().isPresent() ? " (to a bearer of METRICS_TOKEN)" : "");
        return new ServerMetrics(prometheus, Optional.of(endpoint), Optional.of(gc));
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Where {@code /metrics} is served; empty when it is not. */
    public Optional<Integer> port() {
        return endpoint.map(MetricsEndpoint::port);
    }

    /**
     * HikariCP's own meters for {@code pool} ({@code hikaricp_connections_active}, {@code
     * …_pending}, {@code …_acquire_seconds}…), tagged with the pool's name, so the server's
     * pools (and any replica's) are told apart.
     */
    public void watch(HikariDataSource pool) {
        if (registry instanceof PrometheusMeterRegistry) {
            pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    /**
     * A counter that some part of the server keeps itself (an {@code AtomicLong}), read when
     * scraped: the part needs no metrics library, and nothing is counted twice.
     */
    public <T> void counter(String name, String description, T owner, ToDoubleFunction<T> count, String... tags) {
        FunctionCounter.builder(name, owner, count).description(description).tags(tags).register(registry);
    }

    @Override
    public void close() {
        endpoint.ifPresent(MetricsEndpoint::close);
        gc.ifPresent(JvmGcMetrics::close);
        registry.close();
    }
}
