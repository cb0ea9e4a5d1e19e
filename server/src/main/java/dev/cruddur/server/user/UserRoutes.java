package dev.cruddur.server.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.server.auth.Authenticator;
import dev.cruddur.server.http.JsonBody;
import dev.cruddur.server.http.Pagination;
import dev.cruddur.user.Follows;
import dev.cruddur.user.Person;
import dev.cruddur.user.Profile;
import dev.cruddur.user.Profiles;
import dev.cruddur.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * People: a profile by handle (public data only: no email, no Cognito id; for a signed-in reader
 * also how the two are connected), who follows whom, following and unfollowing, and editing one's
 * own profile. The profile's path is the original app's.
 */
public final class UserRoutes {

    private final Profiles profiles;
    private final Follows follows;
    private final Authenticator authenticator;
    private final ObjectMapper mapper;

    public UserRoutes(Profiles profiles, Follows follows, Authenticator authenticator, ObjectMapper mapper) {
        this.profiles = profiles;
        this.follows = follows;
        this.authenticator = authenticator;
        this.mapper = mapper;
    }

    /**
     * The body of a profile: the handle as the user wrote it (the look-up ignores case).
     * {@code messages_from} only in the signed-in owner's own profile.
     */
    record ProfileBody(String handle, String displayName, String bio, Instant createdAt, int followersCount,
                       int followingCount, int crudsCount, Boolean following, Boolean followsYou,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String messagesFrom, boolean canMessage) {

        static ProfileBody of(Profile profile) {
            return new ProfileBody(profile.handle(), profile.displayName(), profile.bio(), profile.createdAt(),
                    profile.followersCount(), profile.followingCount(), profile.crudsCount(), profile.following(),
                    profile.followsYou(), profile.messagesFrom(), profile.canMessage());
        }
    }

    /** One person of a list of followers or followed. */
    record PersonBody(String handle, String displayName, String bio, Instant followedAt) {

        static PersonBody of(Person person) {
            return new PersonBody(person.handle(), person.displayName(), person.bio(), person.followedAt());
        }
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/users/@{handle}", this::profile);
        routes.get("/api/users/@{handle}/followers", ctx -> {
            PageRequest page = Pagination.request(ctx);
            people(ctx, follows.followers(ctx.pathParam("handle"), page, authenticator.optionalUserUuid(ctx).orElse(null)));
        });
        routes.get("/api/users/@{handle}/following", ctx -> {
            PageRequest page = Pagination.request(ctx);
            people(ctx, follows.following(ctx.pathParam("handle"), page, authenticator.optionalUserUuid(ctx).orElse(null)));
        });
        routes.put("/api/users/@{handle}/follow", ctx -> ctx.json(ProfileBody.of(
                follows.follow(authenticator.requireUser(ctx), ctx.pathParam("handle")))));
        routes.delete("/api/users/@{handle}/follow", ctx -> ctx.json(ProfileBody.of(
                follows.unfollow(authenticator.requireUser(ctx), ctx.pathParam("handle")))));
        routes.post("/api/profile/update", this::update);
    }

    void profile(Context ctx) {
        Profile profile = profiles.byHandle(ctx.pathParam("handle"),
                authenticator.optionalUserUuid(ctx).orElse(null));
        ctx.json(ProfileBody.of(profile));
    }

    /** The signed-in person's own profile: {@code display_name}, {@code bio} and {@code messages_from}. */
    void update(Context ctx) {
        User user = authenticator.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, mapper, "display_name", "bio", "messages_from");
        ctx.json(ProfileBody.of(profiles.update(user, body.text("display_name"), body.text("bio"),
                body.text("messages_from"))));
    }

    private static void people(Context ctx, Page<Person> page) {
        Pagination.writeNext(ctx, page, Pagination.request(ctx));
        ctx.json(page.items().stream().map(PersonBody::of).toList());
    }
}
