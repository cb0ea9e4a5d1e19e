package dev.cruddur.ops.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.database.DatabaseTls;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.ops.OpsFailure;
import dev.cruddur.ops.rds.DbInstances;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The database URL the function gets as {@code CONNECTION_URL}. It holds a password, so it is
 * never a flag (shell history, {@code ps}) and never printed: it comes from the operator's
 * environment ({@code DATABASE_URL}, else {@code CONNECTION_URL}; only when asked with
 * {@code --database-url-from-env}) or is put together at deploy
 * time from a Secrets Manager secret ({@code {"username", "password"}}, the shape of an
 * RDS-managed master secret) and the instance's endpoint.
 *
 * @param value  what the function's environment gets; a secret
 * @param parsed the same, as core reads it ({@code toString} shows no password)
 * @param source where it came from, for people
 */
record DatabaseConnection(String value, DatabaseUrl parsed, String source) {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String toString() {
        return parsed + ", from " + source;
    }

    /** From {@code DATABASE_URL} / {@code CONNECTION_URL}, read the way the function itself will read them. */
    static Optional<DatabaseConnection> fromEnvironment(Map<String, String> env) {
        // The function gets the URL, not this machine's CA bundle: check and show what it will use.
        Map<String, String> functionsView = new HashMap<>(env);
        functionsView.remove(DatabaseTls.CA_BUNDLE_VARIABLE);
        Optional<DatabaseUrl> parsed;
        try {
            parsed = DatabaseUrl.fromEnvironment(functionsView);
        } catch (IllegalArgumentException e) {
            // The message names the variable and never repeats its value.
            throw OpsFailure.usage(e.getMessage());
        }
        return parsed.map(url -> {
            String name = isSet(env.get("DATABASE_URL")) ? "DATABASE_URL" : "CONNECTION_URL";
            return new DatabaseConnection(env.get(name).strip(), url, "$" + name);
        });
    }

    /**
     * From a secret holding {@code username} and {@code password}. The host is {@code host}, else
     * the secret's own {@code host} (secrets made for RDS by hand carry it), else the endpoint of
     * the DB instance; the database name likewise.
     */
    static DatabaseConnection fromSecret(SecretsManagerClient secrets, RdsClient rds, String secretArn,
                                         Optional<String> host, String dbInstanceIdentifier, Optional<String> database) {
        String secretString = secrets.getSecretValue(r -> r.secretId(secretArn)).secretString();
        JsonNode secret = parse(secretString);
        if (secret == null || !secret.path("username").isTextual() || !secret.path("password").isTextual()) {
            // Never quote the secret: say only what is missing.
            throw OpsFailure.failed("The secret " + secretArn + " is not JSON with \"username\" and \"password\" "
                    + "(the shape of an RDS-managed master secret).");
        }
        String endpointHost;
        int port;
        String dbName;
        if (host.isPresent() || secret.path("host").isTextual()) {
            endpointHost = host.orElseGet(() -> secret.path("host").asText());
            port = secret.path("port").asInt(5432);
            dbName = database.orElseGet(() -> secret.path("dbname").asText("cruddur"));
        } else {
            DBInstance db = DbInstances.require(rds, dbInstanceIdentifier);
            if (db.endpoint() == null || db.endpoint().address() == null) {
                throw OpsFailure.failed("The DB instance " + dbInstanceIdentifier + " has no endpoint yet (status "
                        + db.dbInstanceStatus() + "); wait until it is available, or give --db-host.");
            }
            endpointHost = db.endpoint().address();
            port = db.endpoint().port() == null ? 5432 : db.endpoint().port();
            dbName = database.orElseGet(() -> db.dbName() == null ? "cruddur" : db.dbName());
        }
        // No sslmode: the function chooses, as every Cruddur process does (require for a remote
        // host, verify-full when it has DATABASE_CA_BUNDLE, e.g. from a layer). RDS requires TLS.
        String url = "postgresql://" + encode(secret.path("username").asText()) + ":" + encode(secret.path("password").asText())
                + "@" + endpointHost + ":" + port + "/" + dbName;
        return new DatabaseConnection(url, new DatabaseTls(null).applyTo(DatabaseUrl.parse(url)), "secret " + secretArn);
    }

    private static JsonNode parse(String secretString) {
        try {
            return secretString == null ? null : JSON.readTree(secretString);
        } catch (IOException e) {
            return null;
        }
    }

    // Generated passwords hold characters that mean something in a URL; core decodes them again.
    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
