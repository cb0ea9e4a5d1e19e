package dev.cruddur.server.http;

import dev.cruddur.server.observability.RequestSignals;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * CORS for the one browser origin in FRONTEND_URL. Written here rather than taken from
 * Javalin's bundled plugin because that plugin answers other origins with status 400 while
 * still running the handler (a POST writes and the client sees an error). CORS only ever
 * adds headers: a browser then lets the page read the response, or not. The API uses bearer
 * tokens, not cookies, so a request from another origin carries no credentials to abuse.
 */
public final class Cors {

    /** What the page may read: paging, where a new crud is, when to retry, and the id to quote in a report. */
    private static final String EXPOSED_HEADERS = Pagination.NEXT_CURSOR_HEADER + ", Link, Location, Retry-After, "
            + RequestSignals.HEADER;

    private final String allowedOrigin;

    /** @param allowedOrigin e.g. {@code https://app.example.com}; a trailing slash is ignored */
    public Cors(String allowedOrigin) {
        this.allowedOrigin = allowedOrigin.replaceAll("/+$", "");
    }

    public void register(RoutesConfig routes) {
        routes.before(this::addHeaders);
        routes.options("/api/*", this::preflight, Admission.UNCOUNTED);
        // The development identity provider: the web UI calls it with Cognito's headers.
        routes.options("/local-cognito", this::preflight, Admission.UNCOUNTED);
    }

    void addHeaders(Context ctx) {
        ctx.header("Vary", "Origin");
        if (allowedOrigin.equals(ctx.header("Origin"))) {
            ctx.header("Access-Control-Allow-Origin", allowedOrigin);
            ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    void preflight(Context ctx) {
        if (allowedOrigin.equals(ctx.header("Origin"))) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Amz-Target, X-Amz-User-Agent");
            ctx.header("Access-Control-Max-Age", "600");
        }
        ctx.status(204);
    }
}
