package dev.cruddur.server.http;

import io.javalin.security.RouteRole;

/**
 * How a route counts against the {@link AdmissionLimit}, declared with the route
 * ({@code routes.get(path, handler, Admission.UNCOUNTED)}). A route declared without one is
 * counted from the moment it is matched: a new route is bounded unless it says otherwise.
 */
public enum Admission implements RouteRole {
    /** Never counted: it does not use the database (web files, CORS preflights), or must answer under any load (the health check). */
    UNCOUNTED,
    /**
     * Counted from when its body is in, and refused by the handler itself in its own protocol's
     * shape (the development identity provider's actions).
     */
    AFTER_BODY
}
