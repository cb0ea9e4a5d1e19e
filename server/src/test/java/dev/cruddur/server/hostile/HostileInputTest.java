package dev.cruddur.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.server.ServerLog;
import dev.cruddur.server.TestServer;
import dev.cruddur.testkit.http.ApiClient;
import dev.cruddur.testkit.http.RawHttp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus of more than 10,000 malformed requests over every route
 * (see {@link HostileCorpus} for the classes), sent over real sockets to a real server on a real
 * database, some of them with a real user's token. Every answer must be below 500, carry no
 * stack trace, SQL or server path, and be a JSON error when it is an error; afterwards the data
 * posted before is intact, feeds answer and posting works, and the server logged no ERROR and
 * no 5xx.
 *
 * <p>The seed is fixed; {@code -Dcruddur.hostile.seed=<n>} replays another (a failure prints its seed).
 */
class HostileInputTest {

    static final long DEFAULT_SEED = 20_261_124L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FRONTEND = "http://localhost:3000";
    /** What a response must never contain: stack traces, SQL and database driver names, server paths. */
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\tat |\\.java:|SELECT |INSERT |UPDATE |ERROR:|SQLState|org\\.postgresql|jdbi|org\\.eclipse|"
                    + "io\\.javalin|/work/|/root/|/home/|/tmp/|\\.class\\b");

    @TempDir
    static Path dataDirectory;

    private static TestServer server;
    private static ApiClient api;
    private static String token;
    private static String crudUuid;
    private static List<String> fixtureMessages;
    private static final String FIXTURE_MESSAGE = "A fixture direct message";
    private static String messageGroupUuid;
    private static String messageUuid;
    /** The web app's files as served: any 200 outside the API must be exactly one of them. */
    private static java.util.Set<String> webContents;

    @BeforeAll
    static void start() {
        server = TestServer.withLocalIdentity(dataDirectory)
                .environment("FRONTEND_URL", FRONTEND).start();
        api = server.client();
        token = signUpAndSignIn("hostile@example.com", "hostile_h");
        fixtureMessages = List.of("First fixture crud", "Second fixture crud", "Third fixture crud");
        for (String message : fixtureMessages) {
            crudUuid = post(message).get("uuid").asText();
        }
        // A conversation of the corpus's user, with one message of theirs in it.
        String friend = signUpAndSignIn("hostile-friend@example.com", "hostile_friend");
        assertThat(api.postJson("/api/profile/update", "{\"messages_from\":\"everyone\"}", friend).status()).isEqualTo(200);
        ApiClient.Response sent = api.postJson("/api/messages",
                "{\"message\":\"" + FIXTURE_MESSAGE + "\",\"ttl\":\"1-day\",\"handle\":\"hostile_friend\"}", token);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        messageGroupUuid = sent.json().get("message_group_uuid").asText();
        messageUuid = sent.json().get("uuid").asText();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tenThousandMalformedRequestsGetCleanRefusalsAndLoseNothing() throws Exception {
        long seed = Long.getLong("cruddur.hostile.seed", DEFAULT_SEED);
        String cursor = api.get("/api/activities/home?limit=1").header("X-Next-Cursor");
        assertThat(cursor).isNotNull();
        List<String> endpoints = new ArrayList<>();
        api.get("/api").json().get("endpoints").forEach(endpoint -> endpoints.add(endpoint.asText()));
        assertThat(endpoints).contains("GET /api/users/@{handle}", "GET /local-cognito/.well-known/jwks.json");
        assertThat(endpoints).contains("GET /api/messages/{message_group_uuid}", "DELETE /api/messages/{uuid}");
        HostileCorpus corpus = new HostileCorpus(new HostileCorpus.Fixtures(token, "hostile_h", crudUuid, cursor, webFiles(),
                endpoints, messageGroupUuid, messageUuid));
        List<HostileRequest> requests = corpus.generate(seed);
        webContents = webContents();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(10_000);
        long logBefore = ServerLog.size();

        long started = System.nanoTime();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        HostileClient client = new HostileClient(server.port());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (HostileRequest request : requests) {
                answers.add(pool.submit(() -> client.send(request)));
            }
            for (int i = 0; i < requests.size(); i++) {
                HostileRequest request = requests.get(i);
                Response answer = answers.get(i).get();
                statuses.computeIfAbsent(request.generator(), g -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
                problem(request, answer).ifPresent(p -> problems.add(p + "\n    request: " + request.describe()
                        + "\n    answer: " + answer.status() + " " + abbreviate(answer.body())));
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Hostile corpus, seed " + seed + ": " + requests.size() + " requests in " + millis
                + " ms; statuses per class: " + statuses);

        assertThat(problems).as("seed " + seed + " (replay with -Dcruddur.hostile.seed=" + seed + "); "
                + problems.size() + " bad answers, the first:\n" + String.join("\n", problems.stream().limit(15).toList()))
                .isEmpty();
        List<String> logged = ServerLog.linesSince(logBefore).stream()
                .filter(line -> line.contains("] ERROR ") || line.matches(".*-> 5\\d\\d in .*"))
                .limit(20).toList();
        assertThat(logged).as("ERROR or 5xx lines the server logged during the corpus (seed " + seed + ")").isEmpty();
        nothingWasLostAndPostingStillWorks();
    }

    /** What is wrong with this answer, if anything. */
    static Optional<String> problem(HostileRequest request, Response answer) {
        if (answer.status() < 0) {
            return Optional.of("no HTTP answer");
        }
        if (answer.status() >= 500) {
            return Optional.of("a server error");
        }
        boolean webFile = answer.status() < 300 && !request.path().startsWith("/api") && !request.path().startsWith("/local-cognito");
        String body = answer.body();
        if (webFile && answer.status() == 200 && !body.isEmpty() && !webContents.contains(body)) {
            // Path traversal: whatever the path, only the web app's own files may come back.
            return Optional.of("a 200 outside the API that is not one of the web app's files");
        }
        boolean cognitoError = answer.status() >= 400 && answer.header("x-amzn-errortype") != null;
        if (cognitoError) {
            // Cognito's error types end in "Exception" by design: checked apart from the text.
            try {
                JsonNode error = MAPPER.readTree(body);
                if (!error.path("__type").asText().matches("[A-Za-z]+Exception") || !error.path("message").isTextual()) {
                    return Optional.of("a Cognito error without its __type and message");
                }
                body = error.path("message").asText();
            } catch (IOException e) {
                return Optional.of("a Cognito error that is not JSON");
            }
        } else if (request.path().equals("/local-cognito") && "POST".equals(request.method()) && answer.status() >= 400
                && answer.status() != 413 && answer.status() != 431 && answer.status() != 414) {
            // Jetty itself refuses what is too large before the provider sees it; all else is Cognito-shaped.
            return Optional.of("a /local-cognito error not in Cognito's shape");
        }
        if (!webFile && LEAK.matcher(body).find()) {
            return Optional.of("a stack trace, SQL or server path in the answer");
        }
        // Jetty answers a request target that is not a path ("*") with a bare status: not the API's address.
        boolean apiAddress = request.path().startsWith("/");
        if (answer.status() >= 400 && !"HEAD".equals(request.method()) && !cognitoError && (apiAddress || !body.isEmpty())) {
            try {
                JsonNode error = MAPPER.readTree(body);
                if (error == null || !error.path("error").isTextual() || !error.path("message").isTextual()) {
                    return Optional.of("an error that is not the API's JSON error body");
                }
            } catch (IOException e) {
                return Optional.of("an error whose body is not JSON");
            }
        }
        return Optional.empty();
    }

    private static void nothingWasLostAndPostingStillWorks() {
        for (String path : List.of("/api/activities/home", "/api/activities/@hostile_h", "/api/activities/search?term=fixture",
                "/api/activities/" + crudUuid, "/api/health-check", "/api/users/@hostile_h", "/")) {
            assertThat(api.get(path).status()).as(path + " after the corpus").isEqualTo(200);
        }
        List<String> mine = new ArrayList<>();
        api.get("/api/activities/search?term=fixture+crud&limit=100").json().forEach(a -> mine.add(a.get("message").asText()));
        assertThat(mine).as("the cruds posted before the corpus, unchanged").containsAll(fixtureMessages);
        assertThat(api.get("/api/activities/" + crudUuid).json().get("message").asText()).isEqualTo("Third fixture crud");

        List<String> messages = new ArrayList<>();
        api.get("/api/messages/" + messageGroupUuid + "?limit=100", token).json()
                .forEach(m -> messages.add(m.get("uuid").asText() + " " + m.get("message").asText()));
        assertThat(messages).as("the direct message sent before the corpus, unchanged")
                .contains(messageUuid + " " + FIXTURE_MESSAGE);
        assertThat(api.get("/api/message_groups", token).status()).isEqualTo(200);
        assertThat(api.get("/api/unread-counts", token).status()).isEqualTo(200);

        String after = post("Still posting after ten thousand bad requests").get("uuid").asText();
        assertThat(api.get("/api/activities/" + after).status()).isEqualTo(200);
        assertThat(api.get("/api/activities/notifications", token).status()).isEqualTo(200);
        assertThat(signUpAndSignIn("after@example.com", "after_h")).as("signing up still works").isNotBlank();
    }

    private static JsonNode post(String message) {
        ApiClient.Response response = api.postJson("/api/activities",
                MAPPER.createObjectNode().put("message", message).put("ttl", "1-day").toString(), token);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** Through the development identity provider's Cognito protocol, as the web app does. */
    private static String signUpAndSignIn(String email, String handle) {
        return server.accounts().create(email, "Hostile Tester", handle);
    }

    /** The web app's files as the server serves them ({@code /js/app.js}, …). */
    private static List<String> webFiles() {
        Path root = Path.of("src/main/resources/web");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> "/" + root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.Set<String> webContents() {
        java.util.Set<String> contents = new java.util.HashSet<>();
        for (String file : webFiles()) {
            try {
                contents.add(Files.readString(Path.of("src/main/resources/web" + file)));
            } catch (IOException e) {
                contents.add("(binary)"); // images: none is served for a traversal path either
            }
        }
        return contents;
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\n", "\\n").replace("\r", "\\r");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
