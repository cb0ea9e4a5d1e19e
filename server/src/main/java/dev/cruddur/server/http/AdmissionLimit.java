package dev.cruddur.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.concurrent.Semaphore;

/**
 * At most {@link #limit()} requests that may use the database are handled at once; one more is
 * answered {@code 503 server_busy} at once, without waiting. On Java 21+ every request gets a
 * virtual thread, so without this nothing would bound how many requests wait for a connection
 * (each holding its thread, its buffers and its body) when the database is slow or the load is
 * far beyond what it can serve. The static web files and the health check are not counted:
 * they are cheap, and the health check should answer for the database, not for the load.
 */
public final class AdmissionLimit {

    /**
     * Requests per pooled connection. Beyond the pool's size a request waits for a connection;
     * with queries taking milliseconds a queue of three pool-fulls empties in a few of them, and
     * a longer one would only make each request wait longer for the same connections.
     */
    static final int REQUESTS_PER_CONNECTION = 4;
    /** Whoever is turned away may come back soon: it is the load, not the database. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final String ADMITTED = AdmissionLimit.class.getName() + ".admitted";

    private final int limit;
    private final Semaphore permits;

    public AdmissionLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the admission limit must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /** The limit for a server whose database pool holds {@code poolSize} connections. */
    public static AdmissionLimit forPool(int poolSize) {
        return new AdmissionLimit(Math.multiplyExact(poolSize, REQUESTS_PER_CONNECTION));
    }

    public void register(RoutesConfig routes) {
        routes.before(this::admit);
        // After-handlers run whatever happened before them, exceptions included.
        routes.after(this::release);
    }

    void admit(Context ctx) {
        if (!isCounted(ctx)) {
            return;
        }
        if (!permits.tryAcquire()) {
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            throw new ApiException(503, "server_busy", "The server is handling as many requests as it can; try again shortly.");
        }
        ctx.attribute(ADMITTED, Boolean.TRUE);
    }

    void release(Context ctx) {
        if (ctx.attribute(ADMITTED) != null) {
            ctx.attribute(ADMITTED, null);
            permits.release();
        }
    }

    /** The API (but its health check) and the development identity provider's actions. */
    private static boolean isCounted(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/api/")) {
            return !path.equals("/api/health-check");
        }
        return ctx.method() == HandlerType.POST && path.equals("/local-cognito");
    }

    public int limit() {
        return limit;
    }

    /** How many counted requests are being handled now. */
    public int inFlight() {
        return limit - permits.availablePermits();
    }
}
