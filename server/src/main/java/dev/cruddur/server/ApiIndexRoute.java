package dev.cruddur.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api}: the API's own index, for a person exploring it with curl. ({@code GET /} is
 * the web app.)
 */
final class ApiIndexRoute {

    private final boolean localIdentity;

    /** @param localIdentity whether the server runs the development identity provider (no Cognito pool) */
    ApiIndexRoute(boolean localIdentity) {
        this.localIdentity = localIdentity;
    }

    void register(RoutesConfig routes) {
        routes.get("/api", this::index);
    }

    /** The body of {@code GET /api}. */
    record Index(String name, List<String> endpoints, String docs) {
    }

    void index(Context ctx) {
        List<String> endpoints = new ArrayList<>(List.of(
                "GET /api",
                "GET /api/health-check",
                "GET /api/config",
                "GET /api/activities/home",
                "GET /api/activities/@{handle}",
                "GET /api/activities/search?term=",
                "GET /api/activities/{uuid}",
                "GET /api/activities/notifications",
                "POST /api/activities",
                "POST /api/activities/{uuid}/reply",
                "GET /api/users/@{handle}"));
        if (localIdentity) {
            endpoints.add("POST /local-cognito");
            endpoints.add("GET /local-cognito/.well-known/jwks.json");
        }
        ctx.json(new Index("Cruddur", endpoints, "docs/api.md in the repository"));
    }
}
