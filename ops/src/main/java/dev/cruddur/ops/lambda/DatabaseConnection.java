package dev.cruddur.ops.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.database.DatabaseTls;
import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.ops.CommandFailure;
import dev.cruddur.ops.rds.DbInstances;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * How the function finds its database: the variables its environment gets. Either
 * <ul>
 *   <li>a Secrets Manager secret ({@code {"username", "password"}}, the shape of an RDS-managed
 *       master secret): the function gets the URL without credentials as {@code CONNECTION_URL}
 *       and the secret's ARN as {@code DATABASE_SECRET_ARN}, and reads the user and password
 *       itself when it logs in, so a rotated password needs no new deploy; or</li>
 *   <li>the operator's environment ({@code DATABASE_URL}, else {@code CONNECTION_URL}; only when
 *       asked with {@code --database-url-from-env}): the whole URL, password included, becomes
 *       the function's {@code CONNECTION_URL}. That URL is never a flag (shell history,
 *       {@code ps}) and never printed.</li>
 * </ul>
 *
 * @param url       the function's CONNECTION_URL; holds a password when it comes from the environment
 * @param shown     the database as people see it ({@code toString} shows no password)
 * @param source    where the credentials come from, for people
 * @param secretArn the secret the function reads them from; empty when they are in the URL
 */
record DatabaseConnection(String url, DatabaseUrl shown, String source, Optional<String> secretArn) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The function's variables that say where the secret is (the Lambda module reads the first; the extension the second). */
    static final List<String> SECRET_VARIABLES = List.of("DATABASE_SECRET_ARN", "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED");

    @Override
    public String toString() {
        return shown + ", " + source;
    }

    /** What the function's environment gets. */
    Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("CONNECTION_URL", url);
        secretArn.ifPresent(arn -> {
            variables.put(SECRET_VARIABLES.get(0), arn);
            // The function reads the secret on a cold start and after a refused password, never
            // in between: a cache in the extension would only hand back the password just rotated away.
            variables.put(SECRET_VARIABLES.get(1), "false");
        });
        return variables;
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
            throw CommandFailure.usage(e.getMessage());
        }
        return parsed.map(url -> {
            String name = isSet(env.get("DATABASE_URL")) ? "DATABASE_URL" : "CONNECTION_URL";
            return new DatabaseConnection(env.get(name).strip(), url, "from $" + name, Optional.empty());
        });
    }

    /**
     * From a secret holding {@code username} and {@code password}, which is read here only to
     * check its shape and find the host: the host is {@code host}, else the secret's own
     * {@code host} (secrets made for RDS by hand carry it), else the endpoint of the DB instance;
     * the database name likewise. The function reads the credentials itself.
     */
    static DatabaseConnection fromSecret(SecretsManagerClient secrets, RdsClient rds, String secretArn,
                                         Optional<String> host, String dbInstanceIdentifier, Optional<String> database) {
        GetSecretValueResponse value = secrets.getSecretValue(r -> r.secretId(secretArn));
        String secretString = value.secretString();
        JsonNode secret = parse(secretString);
        if (secret == null || !secret.path("username").isTextual() || !secret.path("password").isTextual()) {
            // Never quote the secret: say only what is missing.
            throw CommandFailure.failed("The secret " + secretArn + " is not JSON with \"username\" and \"password\" "
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
                throw CommandFailure.failed("The DB instance " + dbInstanceIdentifier + " has no endpoint yet (status "
                        + db.dbInstanceStatus() + "); wait until it is available, or give --db-host.");
            }
            endpointHost = db.endpoint().address();
            port = db.endpoint().port() == null ? 5432 : db.endpoint().port();
            dbName = database.orElseGet(() -> db.dbName() == null ? "cruddur" : db.dbName());
        }
        // No sslmode: the function chooses, as every Cruddur process does (require for a remote
        // host, verify-full when it has DATABASE_CA_BUNDLE, e.g. from a layer). RDS requires TLS.
        String address = endpointHost + ":" + port + "/" + dbName;
        DatabaseUrl shown = DatabaseUrl.parse("postgresql://" + encode(secret.path("username").asText()) + "@" + address);
        // the full ARN (with its random suffix), whatever form the flag gave: IAM policies match on it
        String arn = value.arn() == null ? secretArn : value.arn();
        return new DatabaseConnection("postgresql://" + address, new DatabaseTls(null).applyTo(shown),
                "read by the function from secret " + arn, Optional.of(arn));
    }

    private static JsonNode parse(String secretString) {
        try {
            return secretString == null ? null : JSON.readTree(secretString);
        } catch (IOException e) {
            return null;
        }
    }

    // A user name may hold characters that mean something in a URL; core decodes them again.
    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
