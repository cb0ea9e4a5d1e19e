package dev.cruddur.server.observability;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * What each request tells the operator: its id ({@code X-Request-Id}, in the response and on the
 * log lines written while it runs), its span, its count and latency in {@code /metrics}, and its
 * log line. Requests are named by their route's template ({@code /api/activities/{uuid}}), never
 * the path a client chose, so the metrics' series and the spans' names stay few.
 *
 * <p>{@link #register} starts a request (Javalin's first before-handler), {@link #finished} ends
 * it (Javalin's request logger, which runs after every handler, on the same thread).
 */
public final class RequestSignals {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key, and the name of the field in JSON logs and the attribute on the span. */
    public static final String REQUEST_ID = "request_id";
    static final String UNMATCHED = "unmatched";
    static final String TIMER = "http.server.requests";
    /** Buckets from a cached page (under a millisecond) to a statement timeout (1.5 s) and beyond. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5)};
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String RUNNING = RequestSignals.class.getName();

    /** One request's id, span and the span's hold on the thread. */
    private record Running(String id, Span span, Scope scope) {
    }

    private final MeterRegistry registry;
    private final boolean counting;
    private final Tracing tracing;

    public RequestSignals(ServerMetrics metrics, Tracing tracing) {
        this.registry = metrics.registry();
        this.counting = metrics.port().isPresent();
        this.tracing = tracing;
    }

    /** Registers the start of every request; call before any other before-handler is added. */
    public void register(RoutesConfig routes) {
        routes.before(this::start);
    }

    private void start(Context ctx) {
        String id = RequestIds.fromCaller(ctx.header(HEADER)).orElseGet(RequestIds::make);
        ctx.header(HEADER, id);
        MDC.put(REQUEST_ID, id);
        Span span = Span.getInvalid();
        Scope scope = Scope.noop();
        if (tracing.exports()) {
            String method = method(ctx);
            span = tracing.tracer().spanBuilder(method)
                    .setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", method)
                    .setAttribute("url.path", ctx.path())
                    .setAttribute(REQUEST_ID, id)
                    .startSpan();
            scope = span.makeCurrent();
        }
        ctx.attribute(RUNNING, new Running(id, span, scope));
    }

    /** After the response is written: the log line, the metrics, the end of the span. */
    public void finished(Context ctx, float milliseconds) {
        String method = method(ctx);
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? UNMATCHED : endpoint.path;
        int status = ctx.statusCode();
        Running running = ctx.attribute(RUNNING);
        try {
            RequestLog.write(method, route, ctx.path(), status, Math.round(milliseconds));
            if (counting) {
                Timer.builder(TIMER)
                        .description("HTTP requests, by route template, method and status")
                        .tags("method", method, "route", route, "status", Integer.toString(status))
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry)
                        .record((long) (milliseconds * 1_000_000), TimeUnit.NANOSECONDS);
            }
        } finally {
            if (running != null) {
                end(running, method, route, status);
            }
            MDC.remove(REQUEST_ID);
        }
    }

    private static void end(Running running, String method, String route, int status) {
        Span span = running.span();
        if (span.getSpanContext().isValid()) {
            if (!route.equals(UNMATCHED)) {
                span.updateName(method + " " + route);
                span.setAttribute("http.route", route);
            }
            span.setAttribute("http.response.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
        running.scope().close();
    }

    /** The method as a bounded set of names: anything else a client sends is {@code OTHER}. */
    private static String method(Context ctx) {
        HandlerType type = ctx.method();
        String name = type.name();
        return METHODS.contains(name) ? name : "OTHER";
    }
}
