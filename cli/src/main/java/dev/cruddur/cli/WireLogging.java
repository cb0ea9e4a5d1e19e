package dev.cruddur.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Keeps Jetty's DEBUG and TRACE logging off, whatever the logging settings say. At those levels
 * Jetty writes what crosses the wire into the log: every request header ({@code Authorization:
 * Bearer …}) and pieces of every body (passwords in sign-in requests, tokens in their answers).
 * Secrets must never reach a log, and turning on DEBUG to chase a problem must not change that.
 *
 * <p>slf4j-simple decides a logger's level when the logger is made, from a system property
 * first and {@code simplelogger.properties} second, the most specific name winning. So before
 * any Jetty class logs, every {@code org.eclipse.jetty…} setting that would let DEBUG through
 * becomes INFO; stricter settings (WARN, ERROR, OFF) stay as they are.
 */
final class WireLogging {

    static final String LOGGER_PREFIX = "org.slf4j.simpleLogger.log.";
    static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String JETTY = "org.eclipse.jetty";
    private static final Set<String> TOO_VERBOSE = Set.of("trace", "debug");

    private WireLogging() {
    }

    /** Applies the cap to this JVM's system properties; call before anything logs. */
    static void capJetty() {
        capJetty(System.getProperties(), loggingFile());
    }

    static void capJetty(Properties system, Properties file) {
        // A setting for Jetty or one of its packages, from either source.
        for (Properties source : new Properties[] {system, file}) {
            for (String key : source.stringPropertyNames()) {
                if (key.startsWith(LOGGER_PREFIX + JETTY) && tooVerbose(effective(key, system, file))) {
                    system.setProperty(key, "info");
                }
            }
        }
        // What Jetty's loggers inherit when nothing names Jetty: org.eclipse, org, then the default.
        String inherited = null;
        for (String name : new String[] {JETTY, "org.eclipse", "org"}) {
            inherited = effective(LOGGER_PREFIX + name, system, file);
            if (inherited != null) {
                break;
            }
        }
        if (inherited == null) {
            inherited = effective(DEFAULT_LEVEL, system, file);
        }
        if (inherited != null && tooVerbose(inherited)) {
            system.setProperty(LOGGER_PREFIX + JETTY, "info");
        }
    }

    private static String effective(String key, Properties system, Properties file) {
        String value = system.getProperty(key);
        return value != null ? value : file.getProperty(key);
    }

    private static boolean tooVerbose(String level) {
        return level != null && TOO_VERBOSE.contains(level.strip().toLowerCase(Locale.ROOT));
    }

    private static Properties loggingFile() {
        Properties file = new Properties();
        try (InputStream in = WireLogging.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                file.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read simplelogger.properties", e);
        }
        return file;
    }
}
