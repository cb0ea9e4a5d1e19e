package dev.cruddur.cli.logging;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The {@code cruddur} command's logging: slf4j-simple's text lines as before, or JSON lines when
 * {@code LOG_FORMAT=json}. Both take their levels from slf4j-simple's settings
 * ({@code simplelogger.properties}, and the caps {@code WireLogging} puts on Jetty), and both keep
 * an MDC (slf4j-simple alone has none), which carries the request id into the JSON lines.
 * {@code Main} names this provider before anything logs.
 */
public final class CruddurLogging implements SLF4JServiceProvider {

    /** The per-request lines (DEBUG, a 5xx's WARN): in the text log at the level asked for, in the JSON log all of them. */
    static final String REQUEST_LOG_LEVEL = "org.slf4j.simpleLogger.log.dev.cruddur.server.observability.RequestLog";

    private final SimpleServiceProvider simple = new SimpleServiceProvider();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private ILoggerFactory loggers;

    @Override
    public void initialize() {
        LogFormat format;
        try {
            format = LogFormat.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            // The command refuses to start on it (ServeCommand); until then, text.
            format = LogFormat.TEXT;
        }
        if (format == LogFormat.JSON && System.getProperty(REQUEST_LOG_LEVEL) == null) {
            System.setProperty(REQUEST_LOG_LEVEL, "debug");
        }
        simple.initialize();
        loggers = format == LogFormat.JSON ? new JsonLoggers(simple.getLoggerFactory(), System.err) : simple.getLoggerFactory();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return simple.getMarkerFactory();
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return simple.getRequestedApiVersion();
    }

    /** A {@link JsonLogger} per name, each asking slf4j-simple's logger of that name which levels are on. */
    static final class JsonLoggers implements ILoggerFactory {

        private final ILoggerFactory levels;
        private final PrintStream out;
        private final ConcurrentMap<String, Logger> made = new ConcurrentHashMap<>();

        JsonLoggers(ILoggerFactory levels, PrintStream out) {
            this.levels = levels;
            this.out = out;
        }

        @Override
        public Logger getLogger(String name) {
            return made.computeIfAbsent(name, n -> new JsonLogger(n, levels.getLogger(n), out));
        }

        /** For tests: what has been made so far. */
        Map<String, Logger> made() {
            return made;
        }
    }
}
