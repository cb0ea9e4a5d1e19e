package dev.cruddur.server.observability;

import dev.cruddur.database.StatementObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * A child span for each SQL statement a request runs, named by the statement ({@code
 * ActivityDao.homeFeed}); its values are never recorded. A statement outside any request (the
 * purge, migrations at start) makes no span: a trace of its own for each would be noise.
 */
public final class SqlSpans implements StatementObserver {

    private final Tracer tracer;

    SqlSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Running started(String statementName) {
        if (!Span.current().getSpanContext().isValid()) {
            return Running.NOTHING;
        }
        Span span = tracer.spanBuilder(statementName)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system.name", "postgresql")
                .startSpan();
        return new Running() {
            @Override
            public void failed(Exception e) {
                // The exception's message quotes the statement, not the values (Jdbis, DirectStatement).
                span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            }

            @Override
            public void close() {
                span.end();
            }
        };
    }
}
