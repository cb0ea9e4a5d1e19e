package dev.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.cruddur.testing.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cold start of the built {@code cruddur-lambda.jar}: a fresh JVM that handles one Post
 * Confirmation event against a real database. The figures are printed, never asserted (they
 * depend on the machine); what is asserted is that the shaded jar does its job on its own.
 * Each run is made twice, in turn: with the password in {@code CONNECTION_URL}, and with it read
 * from the database secret through a stand-in for the Parameters and Secrets extension (a local
 * HTTP server, so the figure includes the function's side of the read, not Secrets Manager's),
 * as {@code lambda deploy --database-secret-arn} sets the function up.
 *
 * <p>{@code -Dcruddur.coldstart.java=/path/to/bin/java} runs it on another JDK,
 * {@code -Dcruddur.coldstart.runs=N} repeats it.
 */
class ColdStartIT {

    private static final Pattern FIGURES = Pattern.compile(
            "cold-start main_at=(\\d+) constructed_at=(\\d+) returned_at=(\\d+) warm_ms=([\\d.]+) cpu_ms=(-?\\d+) java=(\\S+)");

    @Test
    void theBuiltJarRegistersAPersonInAFreshJvm() throws Exception {
        String java = System.getProperty("cruddur.coldstart.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int runs = Integer.getInteger("cruddur.coldstart.runs", 3);
        // The runtime's own serializer is on Lambda's class path, not in our jar.
        String serializer = Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String classPath = String.join(File.pathSeparator, "target/cruddur-lambda.jar", "target/test-classes", serializer);

        try (TestDatabase db = TestDatabase.migrated(); SecretsExtensionStandIn extension = new SecretsExtensionStandIn()) {
            LambdaDatabase database = new LambdaDatabase(db);
            extension.holds(db.url().user() == null ? "postgres" : db.url().user(),
                    db.url().password() == null ? "unused-the-test-server-trusts-local-connections" : db.url().password());
            List<String> report = new ArrayList<>();
            for (int run = 1; run <= runs * 2; run++) {
                // alternating, so both ways see the same machine load
                boolean fromSecret = run % 2 == 0;
                String sub = UUID.randomUUID().toString();
                List<String> command = List.of(java,
                        // what the Lambda java17/java21 runtimes set by default, for a faster start
                        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                        "-cp", classPath, ColdStart.class.getName(), sub, "cold_" + run);
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                Map<String, String> environment = builder.environment();
                // DATABASE_URL would win over CONNECTION_URL: keep a developer's own out of it
                environment.remove("DATABASE_URL");
                environment.put("CONNECTION_URL", database.connectionUrl());
                if (fromSecret) {
                    environment.putAll(extension.functionEnvironment(
                            database.connectionUrl().replaceFirst("//[^@/]+@", "//")));
                }
                int readsBefore = extension.requests().size();

                long launchedAt = System.currentTimeMillis();
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

                assertThat(process.exitValue()).as(output).isZero();
                assertThat(output).contains("outcome=created", "outcome=present").doesNotContain("SLF4J");
                assertThat(database.usersWithSub(sub)).isEqualTo(1);
                assertThat(extension.requests().size() - readsBefore).isEqualTo(fromSecret ? 1 : 0);
                Matcher figures = FIGURES.matcher(output);
                assertThat(figures.find()).as(output).isTrue();
                Map<String, Long> at = new HashMap<>();
                at.put("main", Long.parseLong(figures.group(1)));
                at.put("constructed", Long.parseLong(figures.group(2)));
                at.put("returned", Long.parseLong(figures.group(3)));
                report.add(String.format(
                        "run %d (%s) on java %s: JVM start to handler returned %d ms (JVM to main %d ms, handler init %d ms,"
                                + " first event incl. connect %d ms; CPU time until then %s ms); a warm invocation %s ms",
                        run, fromSecret ? "password from the secret" : "password in the URL", figures.group(6),
                        at.get("returned") - launchedAt, at.get("main") - launchedAt,
                        at.get("constructed") - at.get("main"), at.get("returned") - at.get("constructed"), figures.group(5),
                        figures.group(4)));
            }
            System.out.println();
            System.out.println("Cold start of target/cruddur-lambda.jar (" + java + "):");
            report.forEach(line -> System.out.println("  " + line));
            System.out.println();
        }
    }
}
