package dev.cruddur.server.observability;

import dev.cruddur.text.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One line per request: WARN for a 5xx, DEBUG for the rest, so the text log shows only the 5xx
 * lines unless DEBUG is asked for; the JSON log ({@code LOG_FORMAT=json}) turns this logger on at
 * DEBUG and shows every request, each line carrying its fields ({@code method}, {@code route},
 * {@code status}, {@code duration_ms}) and the request id.
 */
final class RequestLog {

    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

    private RequestLog() {
    }

    static void write(String method, String route, String path, int status, long durationMs) {
        Level level = status >= 500 ? Level.WARN : Level.DEBUG;
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        // Jetty hands over the path still %-encoded and refuses raw control bytes in it; escaped
        // all the same, as everything a client chose that reaches the log.
        log.atLevel(level)
                .addKeyValue("method", method)
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", durationMs)
                .log("{} {} -> {} in {} ms", method, LogSafe.text(path), status, durationMs);
    }
}
