package dev.cruddur.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Bounds the one kind of body a handler still reads itself, with a thread blocked on it: one
 * whose client waits for {@code 100 Continue} before sending ({@link BodiesFirst} leaves those
 * alone, so that a request refused for its token is never asked for its body). Browsers and the
 * web app never send {@code Expect}; curl does for large uploads.
 *
 * <p>At most {@link #limit()} such reads run at once; one more is answered {@code 503 server_busy}
 * (Cognito's {@code TooManyRequestsException} at {@code /local-cognito}) with
 * {@code Retry-After: 1}. Each read gets the same time as a body received ahead
 * ({@link BodiesFirst#allowance}); past it the connection is closed, which ends the blocked read
 * at once and frees its thread (the client gets no answer: it was not sending).
 */
public final class ContinuedBodyReads {

    /** A tenth or less of Jetty's threads on Java 17: enough for the curl uploads of a few people. */
    public static final int DEFAULT_LIMIT = 16;

    private static final String ATTRIBUTE = ContinuedBodyReads.class.getName();

    private final int limit;
    private final long maxBodyBytes;
    private final Semaphore permits;

    /** @param maxBodyBytes the largest body the API accepts: the allowance of a chunked body */
    public ContinuedBodyReads(int limit, long maxBodyBytes) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.maxBodyBytes = maxBodyBytes;
        this.permits = new Semaphore(limit);
    }

    public int limit() {
        return limit;
    }

    /** Marks a request whose body its handler will read itself, under this bound. */
    void attachTo(Request request) {
        long length = request.getLength();
        Duration allowance = BodiesFirst.allowance(length < 0 || length > maxBodyBytes ? maxBodyBytes : length);
        request.setAttribute(ATTRIBUTE, new Pending(request.getComponents().getScheduler(),
                request.getConnectionMetaData().getConnection().getEndPoint(), allowance));
    }

    /** What a marked request's read needs: when to give up on it, and how. */
    private final class Pending {

        private final Scheduler scheduler;
        private final EndPoint connection;
        private final Duration allowance;

        Pending(Scheduler scheduler, EndPoint connection, Duration allowance) {
            this.scheduler = scheduler;
            this.connection = connection;
            this.allowance = allowance;
        }

        byte[] receive(Context ctx, Supplier<byte[]> receive) {
            if (!permits.tryAcquire()) {
                ctx.header("Retry-After", AdmissionLimit.RETRY_AFTER_SECONDS);
                throw new ServerBusyException();
            }
            Scheduler.Task deadline = scheduler.schedule(
                    () -> connection.close(new TimeoutException("request body slower than the allowed rate")),
                    allowance.toMillis(), TimeUnit.MILLISECONDS);
            try {
                return receive.get();
            } finally {
                deadline.cancel();
                permits.release();
            }
        }
    }

    /**
     * Receives the body of {@code ctx}: at once when it was received before the handler ran,
     * else under a permit and a deadline.
     *
     * @throws ServerBusyException when every permit is taken
     */
    static byte[] receive(Context ctx, Supplier<byte[]> receive) {
        Pending pending = ctx.attribute(ATTRIBUTE);
        return pending == null ? receive.get() : pending.receive(ctx, receive);
    }
}
