package dev.cruddur.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.json.JSONObject;

/**
 * A local stand-in for the AWS Parameters and Secrets Lambda Extension, over a real socket:
 * {@code GET /secretsmanager/get?secretId=ARN} with the header {@code X-Aws-Parameters-Secrets-Token}
 * (the function's {@code AWS_SESSION_TOKEN}), answered with Secrets Manager's GetSecretValue JSON
 * and the secret's value at that moment: the cache is off, as {@code lambda deploy} configures
 * the extension, so a rotated secret shows at once. What the real extension does between the
 * function and Secrets Manager (signing, the network, IAM) needs AWS and is not stood in for.
 */
final class SecretsExtensionStandIn implements AutoCloseable {

    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1a2b3c4d-AbCdEf";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEStandInSessionTokenForTheFunction";

    /** One request as it arrived. */
    record Request(String path, String secretId, String token, String query) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String secretString;
    private volatile int failWith;

    SecretsExtensionStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "secrets-extension-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    /** What the secret holds from now on, as RDS writes a managed master secret. */
    void holds(String username, String password) {
        secretString = new JSONObject().put("username", username).put("password", password).toString();
    }

    /** The secret's raw SecretString from now on. */
    void holdsRaw(String value) {
        secretString = value;
    }

    /** Answers every request with {@code status} and an error body, as the extension relays an AWS refusal. */
    void failWith(int status) {
        failWith = status;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The function's environment as {@code lambda deploy} sets it: a URL without credentials, and where the secret is. */
    Map<String, String> functionEnvironment(String urlWithoutCredentials) {
        return Map.of("CONNECTION_URL", urlWithoutCredentials,
                "DATABASE_SECRET_ARN", SECRET_ARN,
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", String.valueOf(port()),
                "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", "false",
                "AWS_SESSION_TOKEN", SESSION_TOKEN);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String token = exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token");
        requests.add(new Request(exchange.getRequestURI().getPath(), query.get("secretId"), token,
                exchange.getRequestURI().getRawQuery()));
        if (!"GET".equals(exchange.getRequestMethod()) || !"/secretsmanager/get".equals(exchange.getRequestURI().getPath())) {
            send(exchange, 404, "not found");
        } else if (!SESSION_TOKEN.equals(token)) {
            send(exchange, 401, "X-Aws-Parameters-Secrets-Token header is missing or invalid");
        } else if (failWith != 0) {
            send(exchange, failWith, "AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/cruddur-lambda/"
                    + "cruddur-PostConfirmation is not authorized to perform: secretsmanager:GetSecretValue on resource: "
                    + SECRET_ARN);
        } else if (!SECRET_ARN.equals(query.get("secretId"))) {
            send(exchange, 400, "ResourceNotFoundException: Secrets Manager can't find the specified secret.");
        } else {
            send(exchange, 200, new JSONObject().put("ARN", SECRET_ARN).put("Name", "rds!db-1a2b3c4d")
                    .put("VersionId", "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111").put("SecretString", secretString)
                    .put("VersionStages", List.of("AWSCURRENT")).put("CreatedDate", "2024-05-01T10:15:00.123Z").toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
