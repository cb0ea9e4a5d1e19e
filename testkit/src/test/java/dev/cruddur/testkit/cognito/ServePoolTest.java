package dev.cruddur.testkit.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The program the bench runs, as its own JVM: the tokens it writes verify with the keys it serves. */
class ServePoolTest {

    @TempDir
    Path temp;

    @Test
    void writesATokenPerSubjectThenItsEnvironmentAndServesTheKeys() throws Exception {
        Path subjects = Files.writeString(temp.resolve("subjects.txt"), "sub-a\n\nsub-b\n");
        Path tokens = temp.resolve("tokens.txt");
        Path environment = temp.resolve("pool.env");
        Process pool = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ServePool.class.getName(),
                "--port", "0", "--client-id", "bench-client", "--subjects", subjects.toString(),
                "--tokens", tokens.toString(), "--environment", environment.toString(), "--hours", "2")
                .redirectErrorStream(true).redirectOutput(temp.resolve("pool.log").toFile()).start();
        try {
            Map<String, String> variables = awaitEnvironment(environment, pool);
            assertThat(variables).containsEntry("COGNITO_CLIENT_ID", "bench-client")
                    .containsKeys("COGNITO_ISSUER", "COGNITO_ENDPOINT", "AWS_REGION");
            String issuer = variables.get("COGNITO_ISSUER");
            HttpResponse<String> jwks = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(issuer + "/.well-known/jwks.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(jwks.statusCode()).isEqualTo(200);
            JWKSet keys = JWKSet.parse(jwks.body());

            List<String> written = Files.readAllLines(tokens);
            assertThat(written).hasSize(2);
            for (int i = 0; i < written.size(); i++) {
                SignedJWT token = SignedJWT.parse(written.get(i));
                RSAKey key = (RSAKey) keys.getKeyByKeyId(token.getHeader().getKeyID());
                assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
                assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(List.of("sub-a", "sub-b").get(i));
                assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
                assertThat(token.getJWTClaimsSet().getExpirationTime())
                        .isCloseTo(Date.from(Instant.now().plus(Duration.ofHours(2))), 60_000);
            }
            assertThat(Files.readString(temp.resolve("pool.log"))).doesNotContain(written.get(0));
            assertThat(pool.isAlive()).as("still serving").isTrue();
        } finally {
            pool.destroy();
            assertThat(pool.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void refusesAnIncompleteCommandWithItsUsage() {
        assertUsageError("Missing required options: '--subjects=FILE', '--tokens=FILE', '--environment=FILE'",
                "--port", "0", "--client-id", "c");
        assertUsageError("Unknown options: '--colour', 'blue'", "--port", "0", "--client-id", "c", "--subjects", "s",
                "--tokens", "t", "--environment", "e", "--colour", "blue");
        assertUsageError("Missing required parameter for option '--tokens' (FILE)", "--tokens");
    }

    /** Exit code 2, the message on the first line, the usage after it. */
    private static void assertUsageError(String message, String... args) {
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new ServePool()).setErr(new PrintWriter(err, true)).execute(args);
        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith(message).contains("Usage: ServePool");
    }

    private static Map<String, String> awaitEnvironment(Path file, Process pool) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(file)) {
            assertThat(pool.isAlive()).as("the pool exited early").isTrue();
            assertThat(System.nanoTime()).as("the environment file within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        return Files.readAllLines(file).stream().map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }
}
