package dev.cruddur.server.user;

import dev.cruddur.error.NotFoundException;
import dev.cruddur.user.User;
import dev.cruddur.user.Users;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * {@code GET /api/users/@{handle}}: who a handle belongs to, so the web app can title a user's
 * page even when that user has no cruds (the feed alone would not name them). Anonymous, and
 * public data only: no email, no Cognito id.
 */
public final class UserRoutes {

    private final Users users;

    public UserRoutes(Users users) {
        this.users = users;
    }

    /** The body: the handle as the user wrote it (the look-up ignores case). */
    record Profile(String handle, String displayName, Instant createdAt) {

        static Profile of(User user) {
            return new Profile(user.handle(), user.displayName(), user.createdAt());
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/users/@{handle}", this::profile);
    }

    void profile(Context ctx) {
        User user = users.byHandle(ctx.pathParam("handle"))
                .orElseThrow(() -> new NotFoundException("user_not_found", "No user has that handle."));
        ctx.json(Profile.of(user));
    }
}
