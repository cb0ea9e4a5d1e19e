package dev.cruddur.lambda;

import dev.cruddur.database.DatabaseUrl;
import dev.cruddur.database.Jdbis;
import dev.cruddur.user.UserRegistration;
import java.util.Map;

/** Builds what a trigger handler needs from the function's environment; the wiring of this module. */
final class Triggers {

    static final String APPLICATION_NAME = "cruddur-lambda";

    private Triggers() {
    }

    /**
     * The container's connection, not opened yet. Fails here, during the container's init, when
     * the database is not configured, rather than on each invocation. With
     * {@code DATABASE_SECRET_ARN}, the user and password come from that secret, not the URL.
     */
    static ReusedConnection connection(Map<String, String> environment) {
        DatabaseUrl url = DatabaseUrl.fromEnvironment(environment).orElseThrow(() -> new IllegalStateException(
                "Set CONNECTION_URL (or DATABASE_URL) to the users database, e.g. "
                        + "postgresql://user:password@host:5432/cruddur"));
        return DatabaseSecret.fromEnvironment(environment)
                .map(secret -> ReusedConnection.to(url, APPLICATION_NAME, secret))
                .orElseGet(() -> ReusedConnection.to(url, APPLICATION_NAME));
    }

    /** The registration use case over that one connection. */
    static UserRegistration registration(ReusedConnection connection) {
        return new UserRegistration(Jdbis.create(connection));
    }

    /** For the log line: the Lambda request id, when there is a context (always, on Lambda). */
    static String requestId(com.amazonaws.services.lambda.runtime.Context context) {
        return context == null || context.getAwsRequestId() == null ? "-" : context.getAwsRequestId();
    }
}
