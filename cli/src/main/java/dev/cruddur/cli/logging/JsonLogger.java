package dev.cruddur.cli.logging;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NormalizedParameters;
import org.slf4j.spi.LoggingEventAware;

/**
 * Writes each message as one JSON object on one line: {@code time} (UTC, milliseconds),
 * {@code level}, {@code logger}, {@code message}, then what the thread's MDC holds (the
 * request's {@code request_id}), then the event's key-value pairs (a request's {@code method},
 * {@code route}, {@code status}, {@code duration_ms}), then {@code error} with the stack trace.
 * Which levels are written is decided as in the text log, by the same settings
 * ({@code simplelogger.properties}, system properties), through {@code levels}.
 */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final transient Logger levels;
    private final transient PrintStream out;

    JsonLogger(String name, Logger levels, PrintStream out) {
        this.name = name;
        this.levels = levels;
        this.out = out;
    }

    @Override
    public boolean isTraceEnabled() {
        return levels.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return levels.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return levels.isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return levels.isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return levels.isErrorEnabled();
    }

    /** The fluent API's events ({@code log.atInfo().addKeyValue(…)}), with their key-value pairs. */
    @Override
    public void log(LoggingEvent event) {
        if (!isEnabledForLevel(event.getLevel())) {
            return;
        }
        NormalizedParameters normalized = NormalizedParameters.normalize(event);
        write(event.getLevel(), normalized.getMessage(), normalized.getArguments(), normalized.getThrowable(),
                event.getKeyValuePairs());
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        write(level, pattern, arguments, throwable, null);
    }

    private void write(Level level, String pattern, Object[] arguments, Throwable throwable, List<KeyValuePair> pairs) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"time\":\"").append(TIME.format(Instant.now())).append('"');
        line.append(",\"level\":\"").append(level).append('"');
        field(line, "logger", name);
        field(line, "message", arguments == null ? String.valueOf(pattern) : MessageFormatter.basicArrayFormat(pattern, arguments));
        Map<String, String> context = MDC.getCopyOfContextMap();
        if (context != null) {
            context.forEach((key, value) -> field(line, key, value));
        }
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                line.append(',');
                JsonText.quote(String.valueOf(pair.key), line);
                line.append(':');
                if (pair.value instanceof Integer || pair.value instanceof Long) {
                    line.append(pair.value);
                } else {
                    JsonText.quote(String.valueOf(pair.value), line);
                }
            }
        }
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            field(line, "error", trace.toString().stripTrailing());
        }
        line.append("}\n");
        // One write per line, so lines from several threads never interleave.
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(bytes, 0, bytes.length);
            out.flush();
        }
    }

    private static void field(StringBuilder line, String key, String value) {
        line.append(',');
        JsonText.quote(key, line);
        line.append(':');
        JsonText.quote(value, line);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }
}
