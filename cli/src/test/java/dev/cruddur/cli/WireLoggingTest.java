package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Which logging settings let Jetty's DEBUG through, and what they become. */
class WireLoggingTest {

    private static final String JETTY = WireLogging.LOGGER_PREFIX + "org.eclipse.jetty";

    @Test
    void aDebugDefaultLevelLeavesJettyAtInfo() {
        Properties system = properties(WireLogging.DEFAULT_LEVEL, "debug");

        WireLogging.capJetty(system, new Properties());

        assertThat(system.getProperty(JETTY)).isEqualTo("info");
        assertThat(system.getProperty(WireLogging.DEFAULT_LEVEL)).isEqualTo("debug");
    }

    @Test
    void jettyOrOneOfItsPackagesAskedForTraceOrDebugGetsInfo() {
        Properties system = properties(JETTY, "TRACE");
        system.setProperty(JETTY + ".http", "debug");
        Properties file = properties(JETTY + ".io", "debug");

        WireLogging.capJetty(system, file);

        assertThat(system.getProperty(JETTY)).isEqualTo("info");
        assertThat(system.getProperty(JETTY + ".http")).isEqualTo("info");
        assertThat(system.getProperty(JETTY + ".io")).isEqualTo("info");
    }

    @Test
    void aDebugOrgLevelIsCappedForJettyOnly() {
        Properties system = properties(WireLogging.LOGGER_PREFIX + "org", "debug");

        WireLogging.capJetty(system, new Properties());

        assertThat(system.getProperty(JETTY)).isEqualTo("info");
        assertThat(system.getProperty(WireLogging.LOGGER_PREFIX + "org")).isEqualTo("debug");
    }

    @Test
    void stricterSettingsStay() {
        Properties system = properties(WireLogging.DEFAULT_LEVEL, "debug");
        Properties file = properties(JETTY, "warn");

        WireLogging.capJetty(system, file);

        // The file's WARN is what Jetty gets: nothing was added over it.
        assertThat(system.getProperty(JETTY)).isNull();
    }

    @Test
    void nothingSetNothingChanged() {
        Properties system = new Properties();

        WireLogging.capJetty(system, new Properties());

        assertThat(system).isEmpty();
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
