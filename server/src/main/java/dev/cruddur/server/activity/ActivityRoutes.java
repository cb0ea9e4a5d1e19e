package dev.cruddur.server.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.activity.Activity;
import dev.cruddur.activity.ActivityFeeds;
import dev.cruddur.activity.CrudThread;
import dev.cruddur.activity.DeleteActivity;
import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import dev.cruddur.activity.PostCrud;
import dev.cruddur.activity.Reaction;
import dev.cruddur.activity.Reactions;
import dev.cruddur.activity.Reader;
import dev.cruddur.activity.ReplyToCrud;
import dev.cruddur.activity.SearchTerm;
import dev.cruddur.error.NotFoundException;
import dev.cruddur.server.auth.Authenticator;
import dev.cruddur.server.http.JsonBody;
import dev.cruddur.server.http.Pagination;
import dev.cruddur.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.time.Clock;
import java.util.UUID;

/**
 * The activity API. Paths follow the original app so its clients keep working. Reads are
 * anonymous, or marked with the reader's likes and reposts when a bearer token comes with them;
 * writes and the following timeline need a bearer token.
 */
public final class ActivityRoutes {

    private final ActivityFeeds feeds;
    private final PostCrud postCrud;
    private final ReplyToCrud replyToCrud;
    private final DeleteActivity deleteActivity;
    private final Reactions reactions;
    private final Authenticator authenticator;
    /** Reads request bodies. */
    private final ObjectMapper mapper;
    /** Writes responses: the same conventions, activities written by {@link ActivityJson}. */
    private final ObjectMapper writer;
    private final HomeFeedCache homeFeedCache;

    public ActivityRoutes(ActivityFeeds feeds, PostCrud postCrud, ReplyToCrud replyToCrud, DeleteActivity deleteActivity,
                          Reactions reactions, Authenticator authenticator, ObjectMapper mapper) {
        this(feeds, postCrud, replyToCrud, deleteActivity, reactions, authenticator, mapper,
                new HomeFeedCache(HomeFeedCache.DEFAULT_TTL, Clock.systemUTC()));
    }

    ActivityRoutes(ActivityFeeds feeds, PostCrud postCrud, ReplyToCrud replyToCrud, DeleteActivity deleteActivity,
                   Reactions reactions, Authenticator authenticator, ObjectMapper mapper, HomeFeedCache homeFeedCache) {
        this.feeds = feeds;
        this.postCrud = postCrud;
        this.replyToCrud = replyToCrud;
        this.deleteActivity = deleteActivity;
        this.reactions = reactions;
        this.authenticator = authenticator;
        this.mapper = mapper;
        this.writer = mapper.copy().registerModule(ActivityJson.module());
        this.homeFeedCache = homeFeedCache;
    }

    /** Anonymous first pages answered from the cache so far. */
    public long homeFeedCacheHits() {
        return homeFeedCache.hits();
    }

    /** Anonymous first pages the cache had to load so far. */
    public long homeFeedCacheMisses() {
        return homeFeedCache.misses();
    }

    public void register(RoutesConfig routes) {
        // Fixed paths first: Javalin tries routes in the order they were added.
        routes.get("/api/activities/home", this::home);
        routes.get("/api/activities/search", this::search);
        routes.get("/api/activities/following", this::following);
        routes.get("/api/activities/@{handle}", this::userFeed);
        routes.get("/api/activities/{uuid}", this::show);
        routes.post("/api/activities", this::post);
        routes.post("/api/activities/{uuid}/reply", this::reply);
        routes.delete("/api/activities/{uuid}", this::delete);
        for (Reaction kind : Reaction.values()) {
            String path = "/api/activities/{uuid}/" + kind.column();
            routes.put(path, ctx -> react(ctx, kind, true));
            routes.delete(path, ctx -> react(ctx, kind, false));
        }
    }

    void home(Context ctx) {
        if (isAnonymousFirstPage(ctx)) {
            PageRequest first = PageRequest.first();
            HomeFeedCache.Snapshot snapshot = homeFeedCache.get(() -> feeds.home(Reader.ANONYMOUS, first), page -> jsonBytes(page.items()));
            Pagination.writeNext(ctx, snapshot.page(), first);
            ctx.contentType(ContentType.APPLICATION_JSON).result(snapshot.json());
            return;
        }
        PageRequest page = Pagination.request(ctx);
        respond(ctx, feeds.home(reader(ctx), page), page);
    }

    /** The one home-feed request that is the same for everyone: no parameters, nobody signed in. */
    private static boolean isAnonymousFirstPage(Context ctx) {
        return ctx.queryString() == null && ctx.header(Header.AUTHORIZATION) == null;
    }

    void userFeed(Context ctx) {
        PageRequest page = Pagination.request(ctx);
        respond(ctx, feeds.byHandle(reader(ctx), ctx.pathParam("handle"), page), page);
    }

    void search(Context ctx) {
        SearchTerm term = new SearchTerm(ctx.queryParam("term"));
        PageRequest page = Pagination.request(ctx);
        respond(ctx, feeds.search(reader(ctx), term, page), page);
    }

    /** The signed-in person's timeline: the people they follow, and themselves. */
    void following(Context ctx) {
        Reader reader = Reader.signedIn(authenticator.requireUserUuid(ctx));
        PageRequest page = Pagination.request(ctx);
        respond(ctx, feeds.following(reader, page), page);
    }

    /** The crud with a page of its replies under {@code "replies"}; the pagination headers page the replies. */
    void show(Context ctx) {
        UUID uuid = activityUuid(ctx);
        PageRequest page = Pagination.request(ctx);
        CrudThread thread = feeds.thread(reader(ctx), uuid, page);
        Pagination.writeNext(ctx, thread.replies(), page);
        respondJson(ctx, thread);
    }

    void post(Context ctx) {
        User author = authenticator.requireUser(ctx);
        JsonBody body = JsonBody.read(ctx, mapper, "message", "ttl");
        Activity crud = postCrud.post(author.uuid(), body.text("message"), body.text("ttl"));
        homeFeedCache.invalidate();
        ctx.status(201).header("Location", "/api/activities/" + crud.uuid());
        respondJson(ctx, crud);
    }

    void reply(Context ctx) {
        User author = authenticator.requireUser(ctx);
        UUID parent = activityUuid(ctx);
        JsonBody body = JsonBody.read(ctx, mapper, "message");
        Activity reply = replyToCrud.reply(author.uuid(), parent, body.text("message"));
        // The parent's replies_count changed, and the parent may be on the cached page.
        homeFeedCache.invalidate();
        ctx.status(201).header("Location", "/api/activities/" + reply.uuid());
        respondJson(ctx, reply);
    }

    /** Its author deletes a crud or reply, with its replies, likes and reposts. */
    void delete(Context ctx) {
        User author = authenticator.requireUser(ctx);
        deleteActivity.delete(author.uuid(), activityUuid(ctx));
        homeFeedCache.invalidate();
        ctx.status(204);
    }

    /** {@code PUT} marks, {@code DELETE} takes the mark back; either answers the crud as its reader now sees it. */
    private void react(Context ctx, Reaction kind, boolean add) {
        UUID reader = authenticator.requireUserUuid(ctx);
        UUID uuid = activityUuid(ctx);
        Activity crud = add ? reactions.add(reader, uuid, kind) : reactions.remove(reader, uuid, kind);
        // The crud's counts changed, and it may be on the cached page.
        homeFeedCache.invalidate();
        respondJson(ctx, crud);
    }

    private Reader reader(Context ctx) {
        return authenticator.optionalUserUuid(ctx).map(Reader::signedIn).orElse(Reader.ANONYMOUS);
    }

    private void respond(Context ctx, Page<Activity> page, PageRequest request) {
        Pagination.writeNext(ctx, page, request);
        respondJson(ctx, page.items());
    }

    /**
     * What {@code ctx.json} does, but straight to UTF-8 bytes: {@code ctx.json} writes a String
     * and then encodes it, which cost a third more CPU in Jackson on the feed paths.
     */
    private void respondJson(Context ctx, Object body) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(jsonBytes(body));
    }

    private byte[] jsonBytes(Object body) {
        try {
            return writer.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the response as JSON", e);
        }
    }

    /** A malformed id names no crud, so it is a 404 like any other unknown one. */
    private static UUID activityUuid(Context ctx) {
        String raw = ctx.pathParam("uuid");
        if (raw.startsWith("@")) {
            // "/api/activities/@" (an empty handle) lands here rather than on the user feed route
            throw new NotFoundException("user_not_found", "No user has that handle.");
        }
        try {
            if (raw.length() == 36) {
                return UUID.fromString(raw);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new NotFoundException("activity_not_found", "There is no crud with that id.");
    }
}
