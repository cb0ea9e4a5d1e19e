package dev.cruddur.server.http;

import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * Lets Jetty stop without cutting requests off: on stop it stops accepting connections, answers
 * 503 to a new request on a kept-alive connection, and waits for the requests already running
 * to finish, at most {@link #TIMEOUT}. Jetty 12 does none of this unless its stop timeout is set
 * and a {@link GracefulHandler} counts the requests (Javalin adds neither).
 */
public final class GracefulStop {

    /**
     * How long a stop waits for running requests. Every request is bounded well below this by
     * the database's timeouts; it also keeps the whole stop inside the 10 s that
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
