package dev.cruddur.server;

import io.javalin.config.RoutesConfig;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code GET /api}: the API's own index, for a person exploring it with curl ({@code GET /} is
 * the web app). It lists the routes as the router holds them, so a new route is listed without
 * being written down here.
 */
final class ApiIndexRoute {

    /** The routes listed: the API's, and the development identity provider's when it runs. */
    private static final List<String> PREFIXES = List.of("/api", "/local-cognito");
    private static final Set<HandlerType> METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    private final List<String> endpoints = new CopyOnWriteArrayList<>();

    /** For {@code cfg.events.handlerAdded}: every route the server gets, as it gets it. */
    void routeAdded(HandlerMetaInfo route) {
        if (METHODS.contains(route.getHttpMethod())
                && PREFIXES.stream().anyMatch(prefix -> route.getPath().equals(prefix) || route.getPath().startsWith(prefix + "/"))) {
            endpoints.add(route.getHttpMethod() + " " + route.getPath());
        }
    }

    void register(RoutesConfig routes) {
        routes.get("/api", this::index);
    }

    /** The body of {@code GET /api}. */
    record Index(String name, List<String> endpoints, String docs) {
    }

    void index(Context ctx) {
        ctx.json(new Index("Cruddur", List.copyOf(endpoints), "docs/api.md in the repository"));
    }
}
