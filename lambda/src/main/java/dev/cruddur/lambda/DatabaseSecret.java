package dev.cruddur.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * The database user and password in a Secrets Manager secret ({@code {"username", "password"}}:
 * an RDS-managed master secret, or one made by hand), read through the AWS Parameters and
 * Secrets Lambda Extension, a layer that serves {@code GET /secretsmanager/get?secretId=…} on
 * localhost inside the execution environment. So the function needs no AWS SDK, only an HTTP
 * request, and its configuration holds where the password is, never the password itself: RDS
 * rotates it (every 7 days by default) without anything to redeploy.
 *
 * <p>{@link ReusedConnection} reads it when it logs in, never during the container's init (an
 * extension may still be starting then), and once more when PostgreSQL refuses the password.
 */
final class DatabaseSecret {

    static final String SECRET_VARIABLE = "DATABASE_SECRET_ARN";
    /** The extension's own setting; both sides read it. */
    static final String PORT_VARIABLE = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    /** The extension admits only callers holding the function's session token, which Lambda sets. */
    static final String TOKEN_VARIABLE = "AWS_SESSION_TOKEN";
    static final int DEFAULT_PORT = 2773;

    /**
     * Within Cognito's 5 s for the whole invocation: the extension is local, but it asks Secrets
     * Manager on our behalf (its cache is off, see {@code lambda deploy}).
     */
    static final int CONNECT_TIMEOUT_MILLIS = 1000;
    static final int READ_TIMEOUT_MILLIS = 2000;
    /** Secrets Manager holds at most 64 KiB per secret; the answer wraps it in a little JSON. */
    private static final int MAX_ANSWER_BYTES = 256 * 1024;
    private static final int MAX_DETAIL_CHARS = 300;

    private final URL endpoint;
    private final String sessionToken;

    private DatabaseSecret(URL endpoint, String sessionToken) {
        this.endpoint = endpoint;
        this.sessionToken = sessionToken;
    }

    /**
     * The secret {@code DATABASE_SECRET_ARN} names, if it names one. Fails at init, naming the
     * variable, when the extension could not be asked.
     */
    static Optional<DatabaseSecret> fromEnvironment(Map<String, String> environment) {
        String secretId = environment.get(SECRET_VARIABLE);
        if (secretId == null || secretId.isBlank()) {
            return Optional.empty();
        }
        String token = environment.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new IllegalStateException(SECRET_VARIABLE + " is set, but " + TOKEN_VARIABLE + " is not: the secret is"
                    + " read through the AWS Parameters and Secrets Lambda Extension, which admits the function by its"
                    + " session token (Lambda sets it)");
        }
        int port = port(environment.get(PORT_VARIABLE));
        try {
            URL endpoint = URI.create("http://localhost:" + port + "/secretsmanager/get?secretId="
                    + URLEncoder.encode(secretId.strip(), StandardCharsets.UTF_8)).toURL();
            return Optional.of(new DatabaseSecret(endpoint, token));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(SECRET_VARIABLE + " is not usable as a secret id", e);
        }
    }

    /** The secret's user and password now: one request to the extension. */
    DatabaseCredentials read() {
        String answer = ask();
        String secretString;
        try {
            secretString = new JSONObject(answer).optString("SecretString", null);
        } catch (JSONException e) {
            throw new DatabaseSecretException("the extension's answer is not GetSecretValue's JSON");
        }
        if (secretString == null) {
            throw new DatabaseSecretException("the secret has no SecretString (a binary secret?); it must be JSON with"
                    + " \"username\" and \"password\"");
        }
        try {
            JSONObject secret = new JSONObject(secretString);
            String user = secret.optString("username", "");
            String password = secret.optString("password", "");
            if (!user.isEmpty() && !password.isEmpty()) {
                return new DatabaseCredentials(user, password);
            }
        } catch (JSONException notJson) {
            // said below, without quoting the value
        }
        throw new DatabaseSecretException("the secret is not JSON with \"username\" and \"password\" (the shape of an"
                + " RDS-managed master secret)");
    }

    private String ask() {
        HttpURLConnection http = null;
        try {
            // never through a proxy from the environment: the extension is on this machine
            http = (HttpURLConnection) endpoint.openConnection(Proxy.NO_PROXY);
            http.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            http.setReadTimeout(READ_TIMEOUT_MILLIS);
            http.setRequestProperty("X-Aws-Parameters-Secrets-Token", sessionToken);
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new DatabaseSecretException("HTTP " + status + ": " + printable(read(http.getErrorStream())));
            }
            return read(http.getInputStream());
        } catch (SocketTimeoutException e) {
            // the extension itself is local: what is slow is its call to Secrets Manager
            throw new DatabaseSecretException("the Parameters and Secrets extension did not answer within "
                    + (CONNECT_TIMEOUT_MILLIS + READ_TIMEOUT_MILLIS) + " ms (in a VPC, the function reaches Secrets Manager"
                    + " only through a NAT gateway or a secretsmanager VPC endpoint)", e);
        } catch (IOException e) {
            throw new DatabaseSecretException("the Parameters and Secrets extension is not reachable on "
                    + endpoint.getHost() + ":" + endpoint.getPort() + " (is its layer added to the function?): "
                    + e.getClass().getSimpleName(), e);
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }

    private static String read(InputStream stream) throws IOException {
        if (stream == null) {
            return "";
        }
        try (stream) {
            byte[] bytes = stream.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new DatabaseSecretException("the extension's answer is larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** An error answer as the log may show it: one line of printable text, bounded. */
    private static String printable(String text) {
        StringBuilder line = new StringBuilder();
        text.codePoints().limit(MAX_DETAIL_CHARS)
                .forEach(c -> line.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c));
        return line.toString().strip() + (text.length() > MAX_DETAIL_CHARS ? "…" : "");
    }

    private static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(PORT_VARIABLE + " is not a port number (1 to 65535)");
    }
}
