package dev.cruddur.server.http;

import dev.cruddur.database.DatabaseUnavailable;
import dev.cruddur.error.ForbiddenException;
import dev.cruddur.error.NotFoundException;
import dev.cruddur.error.ValidationException;
import dev.cruddur.server.auth.IdentityProviderUnavailableException;
import dev.cruddur.server.auth.TokenRejectedException;
import dev.cruddur.text.LogSafe;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a JSON error body with a status and a code. Nothing a client sends
 * can produce a stack trace, a SQL statement or a secret in a response: unexpected failures
 * are logged here and answered with a bare {@code internal_error}.
 */
public final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 401) {
                // RFC 6750: every 401 names the scheme the client should use.
                ctx.header("WWW-Authenticate", "Bearer realm=\"cruddur\"");
            }
            respond(ctx, e.status(), new ErrorBody(e.code(), e.getMessage()));
        });
        routes.exception(ValidationException.class, (e, ctx) ->
                respond(ctx, 422, new ErrorBody("validation_failed", e.getMessage(), e.violations())));
        routes.exception(NotFoundException.class, (e, ctx) -> respond(ctx, 404, new ErrorBody(e.code(), e.getMessage())));
        routes.exception(ForbiddenException.class, (e, ctx) -> respond(ctx, 403, new ErrorBody(e.code(), e.getMessage())));
        routes.exception(TokenRejectedException.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", "Bearer realm=\"cruddur\", error=\"invalid_token\"");
            respond(ctx, 401, new ErrorBody(e.code(), e.getMessage()));
        });
        routes.exception(IdentityProviderUnavailableException.class, (e, ctx) -> {
            log.warn("identity provider unavailable: {}", LogSafe.text(e.getMessage()));
            ctx.header("Retry-After", "5");
            respond(ctx, 503, new ErrorBody("identity_provider_unavailable",
                    "The identity provider cannot be reached to check your token; try again shortly."));
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), fromJavalin(e)));
        routes.exception(Exception.class, ErrorResponses::unexpected);
    }

    private static ErrorBody fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> new ErrorBody("not_found", "There is nothing at this address.");
            case 405 -> new ErrorBody("method_not_allowed", "This address does not accept that method.");
            case 413 -> new ErrorBody("body_too_large", "The request body is too large.");
            case 431 -> new ErrorBody("headers_too_large", "The request headers are too large.");
            default -> new ErrorBody("http_" + e.getStatus(), "The request could not be handled.");
        };
    }

    private static void unexpected(Exception e, Context ctx) {
        if (DatabaseUnavailable.isCause(e)) {
            log.warn("database unavailable on {} {}: {}", ctx.method(), LogSafe.text(ctx.path()), rootMessage(e));
            ctx.header("Retry-After", "5");
            respond(ctx, 503, new ErrorBody("database_unavailable", "The database is not answering; try again shortly."));
            return;
        }
        // A message may quote the input that caused it: escaped, with the trace kept.
        log.error("unexpected failure on {} {}", ctx.method(), LogSafe.text(ctx.path()), LogSafe.throwable(e));
        respond(ctx, 500, new ErrorBody("internal_error", "Something went wrong on our side; it has been logged."));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static void respond(Context ctx, int status, ErrorBody body) {
        ctx.status(status).json(body);
    }
}
