package dev.cruddur.server.health;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a load balancer should send this instance new requests. It stops being ready the
 * moment the server begins to stop, and stays serving for a while after that ({@link #drain}),
 * so the balancer's health checks see the change and take it out of rotation while it still
 * answers everything sent before then; only then does the graceful stop close the listener.
 */
public final class Readiness {

    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    private volatile boolean draining;

    public boolean isDraining() {
        return draining;
    }

    /**
     * Reports not ready from now on, and waits {@code delay} while requests keep being served.
     * An interrupt ends the wait early: the stop goes on.
     */
    public void drain(Duration delay) {
        draining = true;
        if (delay.isZero()) {
            return;
        }
        log.info("Draining: reporting not ready for {} s before stopping (CRUDDUR_DRAIN_SECONDS)", delay.toSeconds());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
