package dev.cruddur.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** One JSON object a line, whatever the text in it. */
class JsonLoggerTest {

    /** Every kind of character that could act on a terminal, end a line, or end the JSON string early. */
    private static final String HOSTILE = "red\u001b[31m bell\u0007 cr\r lf\n nul\u0000 del\u007f csi\u009b nel\u0085"
            + " ls\u2028 ps\u2029 quote\" backslash\\ tab\t lone\ud800 emoji\ud83d\ude00 é";

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final CruddurLogging.JsonLoggers loggers = new CruddurLogging.JsonLoggers(
            name -> org.slf4j.helpers.NOPLogger.NOP_LOGGER, new PrintStream(written, true, StandardCharsets.UTF_8));

    @AfterEach
    void clearContext() {
        MDC.clear();
    }

    @Test
    void escapesEveryControlCharacterAndKeepsTheTextExactly() throws Exception {
        Logger log = new JsonLogger("dev.cruddur.Test", allLevels(), new PrintStream(written, true, StandardCharsets.UTF_8));
        MDC.put("request_id", "r-1");
        log.atWarn().addKeyValue("route", HOSTILE).addKeyValue("status", 503).addKeyValue("duration_ms", 12L)
                .log("said {}", HOSTILE);

        String text = written.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        String line = text.substring(0, text.length() - 1);
        assertThat(line.chars()).noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("dev.cruddur.Test");
        // The lone surrogate cannot be written as UTF-8; everything else comes back exactly as sent.
        String expected = HOSTILE.replace("\ud800", "\ufffd");
        assertThat(json.get("message").asText().replace("\ud800", "\ufffd")).isEqualTo("said " + expected);
        assertThat(json.get("route").asText().replace("\ud800", "\ufffd")).isEqualTo(expected);
        assertThat(json.get("status").isInt()).isTrue();
        assertThat(json.get("status").asInt()).isEqualTo(503);
        assertThat(json.get("duration_ms").asLong()).isEqualTo(12);
        assertThat(json.get("request_id").asText()).isEqualTo("r-1");
    }

    @Test
    void anExceptionIsOneFieldOfTheSameLine() throws Exception {
        Logger log = new JsonLogger("x", allLevels(), new PrintStream(written, true, StandardCharsets.UTF_8));
        log.error("failed: {}", "why", new IllegalStateException("boom\nsecond line"));

        String text = written.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.get("message").asText()).isEqualTo("failed: why");
        assertThat(json.get("error").asText()).startsWith("java.lang.IllegalStateException: boom\nsecond line\n\tat ");
        assertThat(json.has("request_id")).isFalse();
    }

    @Test
    void theLevelsAreTheTextLogsOnes() {
        Logger log = new JsonLogger("x", org.slf4j.helpers.NOPLogger.NOP_LOGGER, new PrintStream(written, true, StandardCharsets.UTF_8));
        log.error("not written");
        log.atError().log("nor this");
        assertThat(written.size()).isZero();
        assertThat(loggers.getLogger("a")).isSameAs(loggers.getLogger("a"));
    }

    @Test
    void theFormatIsTextOrJson() {
        assertThat(LogFormat.fromEnvironment(Map.of())).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.fromEnvironment(Map.of("LOG_FORMAT", " JSON "))).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.fromEnvironment(Map.of("LOG_FORMAT", "text"))).isEqualTo(LogFormat.TEXT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogFormat.fromEnvironment(Map.of("LOG_FORMAT", "xml")))
                .hasMessage("LOG_FORMAT must be text or json, not 'xml'");
    }

    /** A logger with every level on, for the JSON logger to ask. */
    private static Logger allLevels() {
        return new org.slf4j.helpers.LegacyAbstractLogger() {
            @Override public boolean isTraceEnabled() { return true; }
            @Override public boolean isDebugEnabled() { return true; }
            @Override public boolean isInfoEnabled() { return true; }
            @Override public boolean isWarnEnabled() { return true; }
            @Override public boolean isErrorEnabled() { return true; }
            @Override protected String getFullyQualifiedCallerName() { return null; }
            @Override protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, org.slf4j.Marker marker,
                    String pattern, Object[] arguments, Throwable throwable) { }
        };
    }
}
