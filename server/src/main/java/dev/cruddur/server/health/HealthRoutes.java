package dev.cruddur.server.health;

import dev.cruddur.server.http.Admission;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * {@code GET /api/health-check} (liveness): 200 when the database answers, 503 when it does not.
 * {@code GET /api/ready} (readiness, for load balancers): the same, and 503 {@code draining} from
 * the moment the server begins to stop, while it still answers every other request.
 */
public final class HealthRoutes {

    /**
     * On top of the pool's wait for a connection (1.5 s at most): the check answers within about
     * 2.5 seconds whatever the database does, and a load balancer's usual 5 s check never times out.
     */
    private static final int DATABASE_TIMEOUT_SECONDS = 1;

    private final DataSource dataSource;
    private final Readiness readiness;

    public HealthRoutes(DataSource dataSource, Readiness readiness) {
        this.dataSource = dataSource;
        this.readiness = readiness;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/health-check", this::check, Admission.UNCOUNTED);
        routes.get("/api/ready", this::ready, Admission.UNCOUNTED);
    }

    void ready(Context ctx) {
        if (readiness.isDraining()) {
            // Closed after this answer: a balancer's kept-alive check connection should not outlive the drain.
            ctx.header("Connection", "close");
            ctx.status(503).json(HealthStatus.draining());
            return;
        }
        check(ctx);
    }

    void check(Context ctx) {
        boolean up = databaseAnswers();
        ctx.status(up ? 200 : 503).json(HealthStatus.of(up));
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(DATABASE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
