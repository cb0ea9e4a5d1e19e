package dev.cruddur.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** {@code GET /}: tells a person who opens the server in a browser where the API is. */
final class RootRoute {

    void register(RoutesConfig routes) {
        routes.get("/", this::index);
    }

    /** The body of {@code GET /}. */
    record Index(String name, List<String> endpoints, String docs) {
    }

    void index(Context ctx) {
        ctx.json(new Index("Cruddur", List.of(
                        "GET /api/health-check",
                        "GET /api/activities/home",
                        "GET /api/activities/@{handle}",
                        "GET /api/activities/search?term=",
                        "GET /api/activities/{uuid}",
                        "GET /api/activities/notifications",
                        "POST /api/activities",
                        "POST /api/activities/{uuid}/reply"),
                "docs/api.md in the repository"));
    }
}
