package dev.cruddur.server.http;

import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * Lets Jetty stop without cutting requests off: on stop it stops accepting connections, answers
 * a new request on a kept-alive connection {@code 503 shutting_down} with a {@code Retry-After}
 * (written by {@link JsonErrorPages}), and waits for the requests already running to finish,
 * at most {@link #TIMEOUT}. Jetty 12 does none of this unless its stop timeout is set and a
 * {@link GracefulHandler} counts the requests (Javalin adds neither).
 */
public final class GracefulStop {

    /**
     * How long a stop waits for running requests. A request's database work normally takes
     * milliseconds, and a read that runs into one of the database bounds (docs/architecture.md,
     * "Bounds on the database") ends well inside this; but a post that meets the worst of every
     * bound twice (two connection waits, two statements) may need longer, and a body still
     * arriving has its own allowance ({@link BodiesFirst}) and Jetty's idle timeout between two
     * of its bytes (cut to 1 s once the stop begins). A request still running at the end
     * is cut off: its client gets no answer, which it must treat as a failure. The bound keeps
     * the whole stop (then the pool and the embedded database) inside the 10 s that
     * {@code docker stop} gives before it sends SIGKILL.
     */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final GracefulHandler requests = new GracefulHandler();

    /** For {@code cfg.jetty.modifyServer}: runs before Javalin attaches its own handler inside this one. */
    public void configure(Server server) {
        server.insertHandler(requests);
        server.setStopTimeout(TIMEOUT.toMillis());
    }

    /** The requests being handled now. */
    public long inFlight() {
        return requests.getCurrentRequestCount();
    }
}
