package dev.cruddur.ops.lambda;

import dev.cruddur.ops.aws.AwsErrors;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Whether a function's database credentials are still the database's, in one phrase. A function
 * deployed with {@code --database-secret-arn} reads the secret at run time and follows every
 * rotation; one deployed with {@code --database-url-from-env} holds a copy of the password, which
 * goes stale as soon as the secret changes after the function's last update. Only DescribeSecret
 * is called: no secret value is ever read, and the URL is never shown.
 */
public final class CredentialFreshness {

    /** How Lambda writes LastModified: {@code 2025-06-01T18:00:00.000+0000}. */
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private CredentialFreshness() {
    }

    /**
     * @param databaseSecretArn the database's own secret (the instance's RDS-managed one), to compare
     *                          a copied password with; empty when there is none
     */
    public static String of(FunctionConfiguration function, SecretsManagerClient secrets, Optional<String> databaseSecretArn) {
        Map<String, String> variables = function.environment() == null || !function.environment().hasVariables()
                ? Map.of() : function.environment().variables();
        String secretArn = variables.get(DatabaseConnection.SECRET_VARIABLES.get(0));
        if (secretArn != null) {
            try {
                DescribeSecretResponse secret = secrets.describeSecret(r -> r.secretId(secretArn));
                return "current: reads " + secret.name() + " at run time"
                        + (secret.lastRotatedDate() == null ? "" : " (last rotated " + secret.lastRotatedDate() + ")");
            } catch (ResourceNotFoundException e) {
                return "broken: its secret " + secretArn + " no longer exists; redeploy with --database-secret-arn";
            } catch (AwsServiceException e) {
                return "reads its secret at run time (not checked: " + AwsErrors.describe(e) + ")";
            }
        }
        if (!variables.containsKey("CONNECTION_URL") && !variables.containsKey("DATABASE_URL")) {
            return "no database settings";
        }
        Optional<Instant> updated = lastModified(function);
        String copied = "a copied password (set " + updated.map(Instant::toString).orElse("at an unknown time") + ")";
        if (databaseSecretArn.isEmpty() || updated.isEmpty()) {
            return copied + "; it goes stale when the password changes: redeploy with --database-secret-arn";
        }
        try {
            DescribeSecretResponse secret = secrets.describeSecret(r -> r.secretId(databaseSecretArn.get()));
            Instant changed = secret.lastChangedDate();
            if (changed != null && changed.isAfter(updated.get())) {
                return "stale: the database secret changed at " + changed + ", after the function's last update; redeploy"
                        + " with --database-secret-arn";
            }
            return copied + "; the database secret has not changed since";
        } catch (AwsServiceException e) {
            return copied + " (not compared with the database secret: " + AwsErrors.describe(e) + ")";
        }
    }

    static Optional<Instant> lastModified(FunctionConfiguration function) {
        if (function.lastModified() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LAST_MODIFIED.parse(function.lastModified(), Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
