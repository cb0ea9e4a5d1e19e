package dev.cruddur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.testing.PasswordProtectedPostgres;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.account.Tokens;
import dev.cruddur.testkit.http.ApiClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cruddur serve} as a real process, every logger at DEBUG, taken through sign-up, sign-in,
 * posting, replying, token refresh and a password reset with known secrets, then through the
 * failures that tend to spill them (a wrong database password at start, bad and forged tokens, a
 * password in a Basic header, a wrong password, the database going away, SIGTERM). Not one of
 * the secrets may appear in anything it wrote.
 */
class SecretsStayOutOfLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(90);

    private static final String DB_USER = "cruddur_app";
    // Characters that must be percent-encoded in a URL: the encoded form is banned too.
    private static final String DB_PASSWORD = "Db-pw/7Qx:Zk@w!2vN";
    private static final String WRONG_DB_PASSWORD = "Not-the-Db-pw/9Rt";
    private static final String EMAIL = "secret.keeper@example.com";
    private static final String PASSWORD = "Corr3ct-Horse/Battery";
    private static final String NEW_PASSWORD = "N3w-Staple%Horse+Pw";
    private static final String WRONG_PASSWORD = "Wr0ng-Guess#Pw";

    @TempDir
    Path files;

    @Test
    void noSecretReachesAnyLogLine() throws Exception {
        Path julConfig = Files.writeString(files.resolve("logging.properties"), """
                handlers=java.util.logging.ConsoleHandler
                java.util.logging.ConsoleHandler.level=ALL
                .level=ALL
                """);
        Path dataDirectory = files.resolve("data");
        List<String> banned = new ArrayList<>();
        List<String> everything = new ArrayList<>();
        PasswordProtectedPostgres postgres = PasswordProtectedPostgres.start(files.resolve("postgres"), DB_USER, DB_PASSWORD);
        try {
            assertThat(postgres.admitsWithoutPassword()).as("the database checks passwords").isFalse();
            String url = postgres.url(DB_PASSWORD);
            String wrongUrl = postgres.url(WRONG_DB_PASSWORD);
            bannedForms(banned, DB_PASSWORD, WRONG_DB_PASSWORD, PASSWORD, NEW_PASSWORD, WRONG_PASSWORD);
            banned.add(url);
            banned.add(wrongUrl);
            banned.add(Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));

            // A wrong database password: the server refuses to start, and says why without quoting it.
            try (ServeProcess refused = atDebug("serve-refused.log", julConfig, wrongUrl, dataDirectory).launch()) {
                assertThat(refused.awaitExit(START)).as("exit status").isPresent().get().isNotEqualTo(0);
                assertThat(String.join("\n", refused.lines())).contains("password authentication failed");
                everything.addAll(refused.lines());
            }

            try (ServeProcess serve = atDebug("serve.log", julConfig, url, dataDirectory).start()) {
                ApiClient api = serve.api();
                AccountClient accounts = serve.accounts();

                // Sign up and confirm with the code from the log, as a developer does.
                String confirmationCode = accounts.signUpAndConfirm(EMAIL, "Tester secret_keeper", "secret_keeper",
                        PASSWORD);

                Tokens tokens = accounts.signIn(EMAIL, PASSWORD);
                String accessToken = tokens.accessToken();
                bannedTokens(banned, tokens);

                ApiClient.Response crud = api.postJson("/api/activities",
                        "{\"message\":\"a crud with no secrets\",\"ttl\":\"7-days\"}", accessToken);
                assertThat(crud.status()).as(crud.body()).isEqualTo(201);
                String crudUuid = crud.json().path("uuid").asText();
                ApiClient.Response reply = api.postJson("/api/activities/" + crudUuid + "/reply",
                        "{\"message\":\"a reply\"}", accessToken);
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
                assertThat(api.get("/api/activities/home", accessToken).status()).isEqualTo(200);
                assertThat(accounts.send("GetUser", Map.of("AccessToken", accessToken)).status()).isEqualTo(200);

                ApiClient.Response refreshed = accounts.refresh(tokens.refreshToken());
                assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
                bannedTokens(banned, Tokens.of(refreshed.json().path("AuthenticationResult")));

                // A forgotten password, replaced through the logged code.
                assertThat(accounts.send("ForgotPassword", Map.of("ClientId", AccountClient.CLIENT_ID,
                        "Username", EMAIL)).status()).isEqualTo(200);
                String resetCode = serve.awaitCode("Password reset code", EMAIL);
                assertThat(accounts.send("ConfirmForgotPassword", Map.of("ClientId", AccountClient.CLIENT_ID,
                        "Username", EMAIL, "ConfirmationCode", resetCode, "Password", NEW_PASSWORD)).status())
                        .isEqualTo(200);
                Tokens newTokens = accounts.signIn(EMAIL, NEW_PASSWORD);
                bannedTokens(banned, newTokens);

                // What goes wrong: a wrong password, a bad header, a password in a Basic header, a forged token.
                assertThat(accounts.send("InitiateAuth", Map.of("ClientId", AccountClient.CLIENT_ID,
                        "AuthFlow", "USER_PASSWORD_AUTH",
                        "AuthParameters", Map.of("USERNAME", EMAIL, "PASSWORD", WRONG_PASSWORD))).status()).isEqualTo(400);
                for (String authorization : List.of("Bearer", "Bearer not.a.jwt", "Token " + accessToken,
                        "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                        "Bearer " + forged(newTokens.accessToken()),
                        "Bearer " + newTokens.idToken())) {
                    ApiClient.Response refused = api.send(api.request("/api/activities")
                            .header("Authorization", authorization).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"nope\",\"ttl\":\"1-day\"}")).build());
                    assertThat(refused.status()).as(authorization).isEqualTo(401);
                }
                banned.add(forged(newTokens.accessToken()));

                // The database goes away mid-flow: requests fail, the pool retries, everything logs.
                postgres.close();
                postgres = null;
                String newAccessToken = newTokens.accessToken();
                api.get("/api/activities/home", newAccessToken);
                api.postJson("/api/activities", "{\"message\":\"during the outage\",\"ttl\":\"1-day\"}", newAccessToken);
                accounts.send("InitiateAuth", Map.of("ClientId", AccountClient.CLIENT_ID,
                        "AuthFlow", "USER_PASSWORD_AUTH",
                        "AuthParameters", Map.of("USERNAME", EMAIL, "PASSWORD", NEW_PASSWORD)));
                api.get("/api/health-check");

                serve.terminate();
                assertThat(serve.awaitExit(START)).as("stopped within %s", START).isPresent();
                everything.addAll(serve.lines());
                bannedSigningKey(banned, dataDirectory.resolve("local-cognito").resolve("signing-key.json"));

                // The codes are the exception, by design: in local mode the log line IS how a code
                // reaches its owner (Cognito would e-mail it), and a code lasts minutes and works
                // once. So each is on its delivery line; elsewhere it may not appear the way a
                // request or a statement would carry it. (Six bare digits also turn up by chance
                // in the hash codes and timestamps of a DEBUG log, so those forms are what is banned.)
                assertDeliveredOnlyOnItsLine(serve.lines(), confirmationCode, "Confirmation code for " + EMAIL + ": ");
                assertDeliveredOnlyOnItsLine(serve.lines(), resetCode, "Password reset code for " + EMAIL + ": ");
                for (String code : List.of(confirmationCode, resetCode)) {
                    banned.add("\"" + code + "\"");
                    banned.add("'" + code + "'");
                    banned.add("=" + code);
                }
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }

        assertThat(banned).hasSizeGreaterThan(20);
        for (String secret : banned) {
            List<String> leaks = everything.stream().filter(line -> line.contains(secret)).toList();
            assertThat(leaks).as("lines containing the secret " + secret).isEmpty();
        }
        // The logs really are at DEBUG for the libraries, and pgjdbc's at FINEST (it logs the
        // protocol messages): a quiet log would prove nothing.
        assertThat(everything.size()).isGreaterThan(1000);
        assertThat(everything).anyMatch(line -> line.contains("DEBUG com.zaxxer.hikari"));
        assertThat(everything).anyMatch(line -> line.contains("DEBUG dev.cruddur"));
        assertThat(everything).anyMatch(line -> line.contains("FE=> Parse"));
        // Except Jetty's, which the server keeps at INFO although DEBUG was asked for (WireLogging):
        // at DEBUG it writes raw request headers and bodies, Authorization and passwords included.
        assertThat(everything.stream().filter(line -> line.contains("DEBUG org.eclipse.jetty")).count())
                .as("lines Jetty logged at DEBUG").isZero();
    }

    /**
     * {@code serve} from the class path with every logger at DEBUG: slf4j-simple's, including the
     * libraries the main resources' simplelogger.properties quiets, and java.util.logging's
     * (pgjdbc logs through it) as {@code julConfig} says.
     */
    private ServeProcess.Launch atDebug(String logName, Path julConfig, String databaseUrl, Path dataDirectory) {
        ServeProcess.Launch launch = ServeProcess.fromClassPath(files.resolve(logName))
                .systemProperty("java.util.logging.config.file", julConfig.toString())
                .systemProperty("org.slf4j.simpleLogger.logFile", "System.err")
                .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        for (String quieted : List.of("org.eclipse.jetty", "io.javalin", "io.zonky", "org.flywaydb", "com.zaxxer.hikari",
                "dev.cruddur")) {
            launch.systemProperty("org.slf4j.simpleLogger.log." + quieted, "debug");
        }
        return launch.env("DATABASE_URL", databaseUrl).dataDirectory(dataDirectory);
    }

    /** The same token with its signature's first character changed: refused, and still secret-shaped. */
    private static String forged(String token) {
        int signature = token.lastIndexOf('.') + 1;
        char first = token.charAt(signature);
        return token.substring(0, signature) + (first == 'A' ? 'B' : 'A') + token.substring(signature + 1);
    }

    /** A secret as written, percent-encoded (in a URL), JSON-escaped and base64-encoded. */
    private static void bannedForms(List<String> banned, String... secrets) {
        for (String secret : secrets) {
            banned.add(secret);
            banned.add(encode(secret));
            banned.add(secret.replace("/", "\\/"));
            banned.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Whole tokens, and their signatures: the part no one else can make. */
    private static void bannedTokens(List<String> banned, Tokens tokens) {
        for (String token : tokens.all()) {
            if (!token.isEmpty()) {
                banned.add(token);
                if (token.chars().filter(c -> c == '.').count() == 2) {
                    banned.add(token.substring(token.lastIndexOf('.') + 1));
                }
            }
        }
    }

    /** The private parts of the development provider's RSA signing key. */
    private static void bannedSigningKey(List<String> banned, Path keyFile) throws IOException {
        JsonNode key = JSON.readTree(Files.readString(keyFile));
        for (String privateField : List.of("d", "p", "q", "dp", "dq", "qi")) {
            assertThat(key.path(privateField).asText()).as("signing key field " + privateField).isNotEmpty();
            banned.add(key.path(privateField).asText());
        }
    }

    private static void assertDeliveredOnlyOnItsLine(List<String> lines, String code, String deliveryLine) {
        assertThat(lines.stream().filter(line -> line.endsWith(deliveryLine + code))).as("the delivery line").hasSize(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
