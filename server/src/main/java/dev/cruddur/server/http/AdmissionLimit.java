package dev.cruddur.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most {@link #limit()} requests that may use the database are handled at once; one more is
 * answered {@code 503 server_busy} at once, without waiting. On Java 21+ every request gets a
 * virtual thread, so without this nothing would bound how many requests wait for a connection
 * (each holding its thread, its buffers and its body) when the database is slow or the load is
 * far beyond what it can serve. Which requests count is declared with each route
 * ({@link Admission}): the static web files and the health check are not counted (they are
 * cheap, and the health check should answer for the database, not for the load), every other
 * route is.
 *
 * <p>A permit is not held while a request body is being received ({@link RequestBody#read}
 * gives it back for the upload and takes one again after it): a client may take up to Jetty's
 * idle timeout between two bytes, so holding it would let a few dozen slow uploads turn every
 * other API call away. The development identity provider's actions take theirs only once their
 * body is in, so that even the refusal comes in Cognito's shape ({@link ServerBusyException}).
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

    private static final String COUNTED_BY = AdmissionLimit.class.getName() + ".countedBy";
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
        // Once the route is matched: what counts is what the route declares (Admission).
        routes.beforeMatched(this::admit);
        // After-handlers run whatever happened before them, exceptions included.
        routes.after(this::release);
    }

    void admit(Context ctx) {
        Set<RouteRole> declared = ctx.routeRoles();
        if (declared.contains(Admission.UNCOUNTED)) {
            return;
        }
        ctx.attribute(COUNTED_BY, this);
        if (!declared.contains(Admission.AFTER_BODY)) {
            acquire(ctx);
        }
    }

    private void acquire(Context ctx) {
        if (!permits.tryAcquire()) {
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            throw new ServerBusyException();
        }
        ctx.attribute(ADMITTED, Boolean.TRUE);
    }

    void release(Context ctx) {
        if (ctx.attribute(ADMITTED) != null) {
            ctx.attribute(ADMITTED, null);
            permits.release();
        }
    }

    /**
     * Receives a request's body without holding a permit, and takes one once the body is in.
     * A request this limit does not count is simply read.
     *
     * @throws ServerBusyException (503 {@code server_busy}) when no permit is free after the upload
     */
    static byte[] receiveUnadmitted(Context ctx, Supplier<byte[]> receive) {
        AdmissionLimit limit = ctx.attribute(COUNTED_BY);
        if (limit == null) {
            return receive.get();
        }
        limit.release(ctx);
        byte[] body = receive.get();
        limit.acquire(ctx);
        return body;
    }

    public int limit() {
        return limit;
    }

    /** How many counted requests are being handled now. */
    public int inFlight() {
        return limit - permits.availablePermits();
    }
}
