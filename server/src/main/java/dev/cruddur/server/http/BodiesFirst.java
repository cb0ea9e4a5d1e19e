package dev.cruddur.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Receives a request's body before any request handler runs, without a thread: Jetty calls back
 * as bytes arrive, and the bytes are copied aside. Handlers read bodies with blocking reads
 * ({@link RequestBody#read}); on Java 17 each such read holds one of Jetty's few hundred
 * platform threads for as long as the client takes to send, so a few hundred clients sending a
 * byte every few seconds left no thread for the health check or the web app. Now a handler
 * only ever starts with its whole body in memory, and a slow client costs a connection and the
 * bytes it has sent.
 *
 * <p>A body must arrive within {@link #GRACE} plus one second per {@link #MIN_BYTES_PER_SECOND}
 * bytes (a 2 KB crud: 14 s; the largest accepted body: 2 min 18 s), or the request is answered
 * {@code 408 body_too_slow} and the connection closed. A phone on a bad 2G link (a few KB/s)
 * passes easily.
 *
 * <ul>
 *   <li>Bodies up to the server's limit, announced or chunked, are kept and handed to the
 *       handler. A chunked body that grows past the limit is refused here with {@code 413}.</li>
 *   <li>Bodies announced over the limit but not over {@link #discardLimit()} are read and
 *       dropped: the handler refuses them by their length without reading, and a client still
 *       sending then gets its answer instead of a reset connection (which would throw the
 *       answer away with it).</li>
 *   <li>Larger bodies are left unread (the handler refuses them; the connection is closed).</li>
 *   <li>A request that waits for {@code 100 Continue} is left to its handler, so that a refused
 *       one is never asked for its body; the handler's read of it takes a
 *       {@link ContinuedBodyReads} permit.</li>
 * </ul>
 */
public final class BodiesFirst implements EagerContentHandler.ContentLoaderFactory {

    /** Allowance for the first bytes of a body (a slow link's start, a retransmission). */
    public static final Duration GRACE = Duration.ofSeconds(10);
    /** The slowest a body may arrive after {@link #GRACE}: a tenth or less of a poor mobile link. */
    public static final long MIN_BYTES_PER_SECOND = 512;
    /** How many times the largest accepted body is still read and dropped when refused. */
    static final int DISCARD_FACTOR = 16;

    private final long maxBodyBytes;
    private final long discardLimit;
    private final ContinuedBodyReads continuedReads;

    /**
     * @param maxBodyBytes   the largest body the API accepts ({@code ServerSettings.maxRequestBytes()})
     * @param continuedReads bounds the handlers' own reads of bodies sent after {@code 100 Continue}
     */
    public BodiesFirst(long maxBodyBytes, ContinuedBodyReads continuedReads) {
        this.maxBodyBytes = maxBodyBytes;
        this.discardLimit = Math.multiplyExact(maxBodyBytes, DISCARD_FACTOR);
        this.continuedReads = continuedReads;
    }

    /** The handler that applies this before {@code next}. */
    public Handler.Wrapper handler() {
        return new EagerContentHandler(this);
    }

    /** The most that is read and dropped of a refused body: 1 MiB with the default 64 KiB limit. */
    long discardLimit() {
        return discardLimit;
    }

    /** The time a body of this many bytes is given to arrive. */
    static Duration allowance(long bytes) {
        return GRACE.plusMillis(Math.multiplyExact(bytes, 1000L) / MIN_BYTES_PER_SECOND);
    }

    @Override
    public String getApplicableMimeType() {
        return null; // every type: the API's JSON and Cognito's x-amz-json alike
    }

    @Override
    public EagerContentHandler.ContentLoader newContentLoader(String contentType, String mimeType, Handler handler,
                                                              Request request, Response response, Callback callback) {
        if (request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
            continuedReads.attachTo(request);
            return null;
        }
        long length = request.getLength();
        if (length > discardLimit) {
            return null;
        }
        boolean keep = length <= maxBodyBytes; // -1, chunked: kept, up to the limit
        long allowed = keep ? (length < 0 ? maxBodyBytes : length) : maxBodyBytes;
        return new Receiver(handler, request, response, callback, keep, allowance(allowed));
    }

    /** Reads one body as it arrives, then calls the next handler. */
    private final class Receiver extends EagerContentHandler.ContentLoader implements Invocable.Task {

        private final boolean keep;
        private final Duration allowance;
        private final ByteArrayOutputStream received;
        private final AtomicBoolean settled = new AtomicBoolean();
        private Scheduler.Task deadline;

        Receiver(Handler handler, Request request, Response response, Callback callback, boolean keep, Duration allowance) {
            super(handler, request, response, callback);
            this.keep = keep;
            this.allowance = allowance;
            long length = request.getLength();
            this.received = keep ? new ByteArrayOutputStream((int) Math.min(length < 0 ? 1024 : length, 8192)) : null;
        }

        @Override
        protected void load() {
            deadline = getRequest().getComponents().getScheduler()
                    .schedule(this::tooSlow, allowance.toMillis(), TimeUnit.MILLISECONDS);
            receive(false);
        }

        /** Called by Jetty when more of the body is there; copying it never blocks. */
        @Override
        public void run() {
            receive(true);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        private void receive(boolean calledBack) {
            while (!settled.get()) {
                Content.Chunk chunk = getRequest().read();
                if (chunk == null) {
                    getRequest().demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // The client went away or stopped sending (idle timeout): the handler sees the
                    // body end early, as it would have reading it itself (400 body_incomplete).
                    dispatch(calledBack, chunk);
                    return;
                }
                boolean last = chunk.isLast();
                if (keep) {
                    ByteBuffer bytes = chunk.getByteBuffer();
                    if (received.size() + bytes.remaining() > maxBodyBytes) {
                        chunk.release();
                        refuse(HttpStatus.PAYLOAD_TOO_LARGE_413);
                        return;
                    }
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    received.write(copy, 0, copy.length);
                }
                chunk.release();
                if (last) {
                    dispatch(calledBack, Content.Chunk.EOF);
                    return;
                }
            }
        }

        private void tooSlow() {
            refuse(HttpStatus.REQUEST_TIMEOUT_408);
        }

        private void refuse(int status) {
            if (settled.compareAndSet(false, true)) {
                deadline.cancel();
                getRequest().getContext().execute(() ->
                        Response.writeError(getRequest(), getResponse(), getCallback(), status));
            }
        }

        private void dispatch(boolean calledBack, Content.Chunk end) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            Request request = keep ? new ReceivedBody(getRequest(), received.toByteArray(), end) : getRequest();
            if (calledBack) {
                // Jetty's callback thread must not block: the handler runs on a thread of its own.
                getRequest().getContext().execute(() -> handle(request, getResponse(), getCallback()));
            } else {
                handle(request, getResponse(), getCallback());
            }
        }
    }

    /** The request as its handler sees it: the body that was received, then its end. */
    private static final class ReceivedBody extends Request.Wrapper {

        private Content.Chunk body;
        private final Content.Chunk end;

        ReceivedBody(Request request, byte[] body, Content.Chunk end) {
            super(request);
            this.body = body.length == 0 ? null : Content.Chunk.from(ByteBuffer.wrap(body), false);
            this.end = end;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk next = body;
            if (next != null) {
                body = null;
                return next;
            }
            return end;
        }

        @Override
        public void demand(Runnable demandCallback) {
            // Never needed: read() always has something (bytes, the end, or the failure).
            demandCallback.run();
        }
    }
}
