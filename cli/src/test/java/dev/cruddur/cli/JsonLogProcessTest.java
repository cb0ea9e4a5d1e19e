package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.testkit.http.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code LOG_FORMAT=json}: a real {@code cruddur serve} process writes JSON lines, one per request. */
class JsonLogProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void everyLineIsJsonAndEachRequestsLineCarriesItsIdAndFields() throws Exception {
        Path log = data.resolve("serve.log");
        try (ServeProcess server = ServeProcess.fromClassPath(log).dataDirectory(data.resolve("data"))
                .env("LOG_FORMAT", "json")
                // The tests' own simplelogger.properties hold everything at WARN; INFO as in the jar.
                .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "info").start()) {
            ApiClient api = server.api();
            ApiClient.Response home = api.send(api.request("/api/activities/home").header("X-Request-Id", "json-log-1")
                    .GET().build());
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.header("X-Request-Id")).isEqualTo("json-log-1");
            // A caller's id that would end the JSON string and add a field is not taken.
            ApiClient.Response forged = api.send(api.request("/api/activities/@nobody%1b%5b31m%22x")
                    .header("X-Request-Id", "x\",\"level\":\"FAKE").GET().build());
            assertThat(forged.header("X-Request-Id")).matches("[0-9a-f]{32}");
            String madeId = forged.header("X-Request-Id");

            server.awaitLine("json-log-1", Duration.ofSeconds(10));
            server.awaitLine(madeId, Duration.ofSeconds(10));
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("{")) {
                    lines.add(JSON.readTree(line));
                }
            }
            assertThat(lines).hasSizeGreaterThan(3);
            assertThat(lines).allSatisfy(line -> {
                assertThat(line.has("time") && line.has("logger") && line.has("message")).isTrue();
                assertThat(line.get("level").asText()).isIn(Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"));
            });
            assertThat(lines).anyMatch(line -> line.get("message").asText().startsWith("Cruddur is listening on"));

            JsonNode request = only(lines, Map.of("request_id", "json-log-1"));
            assertThat(request.get("method").asText()).isEqualTo("GET");
            assertThat(request.get("route").asText()).isEqualTo("/api/activities/home");
            assertThat(request.get("status").asInt()).isEqualTo(200);
            assertThat(request.get("duration_ms").isIntegralNumber()).isTrue();
            assertThat(request.get("level").asText()).isEqualTo("DEBUG");

            JsonNode other = only(lines, Map.of("request_id", madeId));
            assertThat(other.get("route").asText()).isEqualTo("/api/activities/@{handle}");
            assertThat(other.get("message").asText()).doesNotContain("\u001b");
        }
        assertThat(Files.readString(log)).doesNotContain("\u001b").doesNotContain("FAKE\"");
    }

    @Test
    void aFormatOtherThanTextOrJsonStopsTheStart() {
        CommandRun run = CommandRun.of(Map.of("LOG_FORMAT", "xml"), "serve");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("cruddur: LOG_FORMAT must be text or json, not 'xml'");
    }

    private static JsonNode only(List<JsonNode> lines, Map<String, String> fields) {
        List<JsonNode> found = lines.stream().filter(line -> fields.entrySet().stream()
                .allMatch(f -> line.has(f.getKey()) && line.get(f.getKey()).asText().equals(f.getValue()))).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
