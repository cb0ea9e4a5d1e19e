package dev.cruddur.server.database;

import dev.cruddur.database.DatabaseUnavailable;
import dev.cruddur.database.ReplicaRouting;
import dev.cruddur.server.auth.Authenticator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With read replicas: after every write a signed-in person makes through the API (a crud, a
 * reply, a delete, a like or repost, a follow, a profile edit, notifications marked read) has
 * succeeded, and before they are answered, marks where the primary's WAL stands as their latest
 * write ({@link ReplicaRouting#recordWrite}), so their next read, on whichever instance, shows it.
 */
public final class WriteMarks {

    private static final Logger log = LoggerFactory.getLogger(WriteMarks.class);

    private final ReplicaRouting routing;

    public WriteMarks(ReplicaRouting routing) {
        this.routing = routing;
    }

    public void register(RoutesConfig routes) {
        routes.after(this::mark);
    }

    void mark(Context ctx) {
        HandlerType method = ctx.method();
        if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
            return;
        }
        if (ctx.statusCode() < 200 || ctx.statusCode() >= 300) {
            return;
        }
        Authenticator.signedIn(ctx).ifPresent(uuid -> {
            try {
                routing.recordWrite(uuid);
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.isCause(e)) {
                    throw e;
                }
                // The write is done and stays answered; only this person's next reads within the
                // replicas' lag bound may miss it, while the primary does not answer anyway.
                log.warn("Could not mark a write for read-your-writes: the database is unavailable");
            }
        });
    }
}
