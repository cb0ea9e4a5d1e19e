package dev.cruddur.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.activity.ActivityFeeds;
import dev.cruddur.activity.DeleteActivity;
import dev.cruddur.activity.PostCrud;
import dev.cruddur.activity.Reactions;
import dev.cruddur.activity.ReplyToCrud;
import dev.cruddur.database.ConnectionPool.Workload;
import dev.cruddur.database.Reads;
import dev.cruddur.database.ReplicaRouting;
import dev.cruddur.database.SeedData;
import dev.cruddur.localcognito.CodeSender;
import dev.cruddur.message.Conversations;
import dev.cruddur.message.DeleteMessage;
import dev.cruddur.message.ReadConversation;
import dev.cruddur.message.SendMessage;
import dev.cruddur.notification.Notifications;
import dev.cruddur.server.activity.ActivityRoutes;
import dev.cruddur.server.activity.PurgeSchedule;
import dev.cruddur.server.auth.Authenticator;
import dev.cruddur.server.auth.SelfRegistration;
import dev.cruddur.server.database.Database;
import dev.cruddur.server.database.ReadReplicas;
import dev.cruddur.server.database.WriteMarks;
import dev.cruddur.server.health.HealthRoutes;
import dev.cruddur.server.health.Readiness;
import dev.cruddur.server.http.AdmissionLimit;
import dev.cruddur.server.http.AllowedHosts;
import dev.cruddur.server.http.GracefulStop;
import dev.cruddur.server.http.Json;
import dev.cruddur.server.http.ListenSocket;
import dev.cruddur.server.identity.CognitoIdentityProvider;
import dev.cruddur.server.identity.IdentityProvider;
import dev.cruddur.server.identity.LocalIdentityProvider;
import dev.cruddur.server.message.MessageRoutes;
import dev.cruddur.server.message.UnreadCountsRoute;
import dev.cruddur.server.notification.NotificationRoutes;
import dev.cruddur.server.observability.Observability;
import dev.cruddur.server.user.UserRoutes;
import dev.cruddur.server.web.WebApp;
import dev.cruddur.user.Follows;
import dev.cruddur.user.Profiles;
import dev.cruddur.user.UserRegistration;
import dev.cruddur.user.Users;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server, wired by hand in one place: database, migrations, use cases, token
 * verification and HTTP. Start it with {@link #start}, stop it with {@link #close}.
 */
public final class CruddurApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CruddurApp.class);

    private final Database database;
    private final IdentityProvider identity;
    private final AdmissionLimit admission;
    private final Javalin javalin;
    private final GracefulStop gracefulStop;
    private final Optional<PurgeSchedule> purge;
    private final Readiness readiness;
    private final Duration drain;
    private final ReadReplicas replicas;
    private final Observability observability;

    private CruddurApp(Database database, IdentityProvider identity, AdmissionLimit admission,
                       Javalin javalin, GracefulStop gracefulStop, Optional<PurgeSchedule> purge,
                       Readiness readiness, Duration drain, ReadReplicas replicas, Observability observability) {
        this.replicas = replicas;
        this.readiness = readiness;
        this.drain = drain;
        this.database = database;
        this.identity = identity;
        this.admission = admission;
        this.javalin = javalin;
        this.gracefulStop = gracefulStop;
        this.purge = purge;
        this.observability = observability;
    }

    /** Opens the database, applies pending migrations (and the seed on a new embedded database), then listens. */
    public static CruddurApp start(ServerSettings settings) {
        return start(settings, CodeSender.toLog());
    }

    /**
     * As {@link #start(ServerSettings)}, with the development identity provider's codes sent
     * somewhere else than the log (tests read them from there).
     */
    public static CruddurApp start(ServerSettings settings, CodeSender codes) {
        Database database = Database.open(settings.databaseUrl(), settings.dataDirectory(), "cruddur-server",
                settings.databasePoolSize(), Workload.REQUESTS);
        ServerSocketChannel listening = null;
        ReadReplicas replicas = null;
        Observability observability = null;
        try {
            // First: the pool's meters and the statements' spans are in place before anything uses them.
            observability = Observability.start(settings.observability());
            observability.watch(database.dataSource(), database.jdbi());
            // The development identity provider's tables only on a database it runs on.
            int applied = database.applyMigrations(settings.cognito().isEmpty());
            if (applied > 0) {
                log.info("Applied {} database migration(s)", applied);
            }
            Jdbi jdbi = database.jdbi();
            if (database.isNewEmbedded()) {
                new SeedData(jdbi).apply();
                log.info("New embedded database: loaded the seed data");
            }
            // Bound first: the development provider's issuer contains the port (port 0 picks one).
            listening = ListenSocket.bind(settings.listenHost(), settings.port());
            int port = ListenSocket.port(listening);
            Users users = new Users(jdbi);
            UserRegistration registration = new UserRegistration(jdbi);
            // No Cognito pool configured: the server is its own (development) identity provider.
            // Nothing to close if the start fails after this: a Cognito client is made on first use.
            IdentityProvider identity = settings.cognito().<IdentityProvider>map(CognitoIdentityProvider::new)
                    .orElseGet(() -> LocalIdentityProvider.start(jdbi, registration, settings.dataDirectory(), port,
                            settings.localTokenLifetime(), codes, settings.trustedProxies()));
            Authenticator authenticator = new Authenticator(identity.verifier(), users,
                    identity.directory().map(directory -> new SelfRegistration(directory, registration)),
                    identity.revokedSignIns());
            ObjectMapper mapper = Json.mapper();
            // Reads go to a replica that shows the reader their own writes, when DATABASE_READ_URL names any.
            replicas = ReadReplicas.open(jdbi, settings.readReplicas(), settings.databasePoolSize(), "cruddur-server",
                    observability::watch);
            Reads reads = replicas.reads();
            ActivityRoutes activities = new ActivityRoutes(new ActivityFeeds(reads), new PostCrud(jdbi),
                    new ReplyToCrud(jdbi), new DeleteActivity(jdbi), new Reactions(jdbi), authenticator, mapper);
            Readiness readiness = new Readiness();
            HealthRoutes health = new HealthRoutes(database.dataSource(), readiness);
            Profiles profileBook = new Profiles(jdbi, reads);
            UserRoutes profiles = new UserRoutes(profileBook, new Follows(jdbi, reads, profileBook), authenticator, mapper);
            Notifications notificationList = new Notifications(jdbi, reads);
            NotificationRoutes notifications = new NotificationRoutes(notificationList, authenticator, mapper);
            // A conversation is read by the people who write it: its reads stay on the primary.
            Conversations conversations = new Conversations(jdbi);
            MessageRoutes messages = new MessageRoutes(conversations, new ReadConversation(jdbi), new SendMessage(jdbi),
                    new DeleteMessage(jdbi), authenticator, mapper);
            UnreadCountsRoute unreadCounts = new UnreadCountsRoute(notificationList, conversations, authenticator);
            Optional<WriteMarks> writeMarks = replicas.routing().map(WriteMarks::new);
            ApiIndexRoute apiIndex = new ApiIndexRoute();
            WebApp web = new WebApp();
            AdmissionLimit admission = AdmissionLimit.forPool(settings.databasePoolSize());

            // Javalin matches routes in the order they were added: notifications before activities,
            // so /api/activities/notifications is not taken for a crud's id; web::register LAST, so
            // the API's routes are found before the web app's (about sixty: its pages and files).
            GracefulStop gracefulStop = new GracefulStop();
            String homeCache = "Anonymous first pages of the home feed, from the cache (hit) or loaded (miss)";
            observability.counter("cruddur.home.cache.requests", homeCache, activities, ActivityRoutes::homeFeedCacheHits,
                    "result", "hit");
            observability.counter("cruddur.home.cache.requests", homeCache, activities, ActivityRoutes::homeFeedCacheMisses,
                    "result", "miss");
            Javalin javalin = HttpServer.create(settings, listening, mapper, admission, gracefulStop, List.of(
                    health::register, notifications::register, activities::register, profiles::register,
                    messages::register, unreadCounts::register, identity::register,
                    routes -> writeMarks.ifPresent(marks -> marks.register(routes)), apiIndex::register, web::register),
                    apiIndex::routeAdded, observability.requests());
            javalin.start();
            log.info("Cruddur is listening on http://localhost:{} ({}; database: {}; sign-in: {})", port,
                    describeListening(settings),
                    (database.isEmbedded() ? "embedded PostgreSQL in " + settings.dataDirectory() : "DATABASE_URL")
                            + (settings.readReplicas().isEmpty() ? ""
                                    : ", reads also on " + settings.readReplicas().urls().size() + " replica(s)"),
                    identity.describe());
            if (settings.cognito().isEmpty() && !AllowedHosts.isLoopback(settings.listenHost())) {
                log.warn("Listening on {} with the development identity provider: anyone who can reach this port can"
                        + " sign up and post (browsers must still name localhost or ALLOWED_HOSTS); configure Cognito,"
                        + " or publish the port to this machine only", settings.listenHost());
            }
            if (settings.purgeInterval().isEmpty()) {
                log.info("Expired cruds are not purged by this server (CRUDDUR_PURGE_INTERVAL=off): "
                        + "run `cruddur db purge-expired` to delete them");
            }
            Optional<PurgeSchedule> purge = settings.purgeInterval().map(interval -> PurgeSchedule.start(database, interval));
            Observability signals = observability;
            purge.ifPresent(schedule -> {
                signals.counter("cruddur.purge.runs", "Purge runs finished (skipped and failed ones too)",
                        schedule, PurgeSchedule::runs);
                signals.counter("cruddur.purge.skips", "Purge runs skipped: another process was purging",
                        schedule, PurgeSchedule::skips);
                signals.counter("cruddur.purge.deleted.rows", "Expired activities deleted", schedule, PurgeSchedule::deleted);
            });
            return new CruddurApp(database, identity, admission, javalin, gracefulStop, purge, readiness,
                    settings.listening().drain(), replicas, observability);
        } catch (RuntimeException e) {
            closeQuietly(listening);
            if (replicas != null) {
                replicas.close();
            }
            if (observability != null) {
                observability.close();
            }
            database.close();
            throw e;
        }
    }

    private static void closeQuietly(ServerSocketChannel listening) {
        if (listening != null) {
            try {
                listening.close();
            } catch (IOException ignored) {
                // it was never accepted on
            }
        }
    }

    private static String describeListening(ServerSettings settings) {
        String host = settings.listenHost();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "on every interface";
        }
        return "on " + host + " only";
    }

    /** The port the server listens on (the real one when started on port 0). */
    public int port() {
        return javalin.port();
    }

    /** For tests in this package that need to look at (or arrange) the data directly. */
    Database database() {
        return database;
    }

    /** For tests in this package that watch the read replicas; empty without any. */
    List<ReplicaRouting.ReplicaStatus> replicaStatus() {
        return replicas.routing().map(ReplicaRouting::status).orElse(List.of());
    }

    /** For tests in this package that watch how many requests are in flight. */
    AdmissionLimit admission() {
        return admission;
    }

    /** Where {@code /metrics} is served (the real port when METRICS_PORT is 0); empty when it is not. */
    public Optional<Integer> metricsPort() {
        return observability.metricsPort();
    }

    /** For tests in this package that wait for the server's purge runs; empty when it is off. */
    Optional<PurgeSchedule> purge() {
        return purge;
    }

    /**
     * Stops in the order that loses nothing: not ready first, still serving for the drain
     * ({@code CRUDDUR_DRAIN_SECONDS}) while a load balancer notices, then the purge (it starts work by itself; a batch
     * in progress gets a second to commit, then is cancelled and rolls back), then HTTP (no new
     * requests, the running ones finish), then the identity provider, then the signals (the last
     * spans are sent), then the pool, and last the embedded database.
     */
    @Override
    public void close() {
        long stopping = System.nanoTime();
        readiness.drain(drain);
        long inFlight = gracefulStop.inFlight();
        log.info("Stopping: finishing {} in-flight request{}", inFlight, inFlight == 1 ? "" : "s");
        try {
            try {
                purge.ifPresent(PurgeSchedule::close);
            } finally {
                stopHttp();
            }
        } finally {
            try {
                identity.close();
            } finally {
                try {
                    observability.close();
                } finally {
                    replicas.close();
                    database.close();
                }
            }
        }
        log.info("Stopped in {} ms", (System.nanoTime() - stopping) / 1_000_000);
    }

    private void stopHttp() {
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            // Jetty stopped waiting after GracefulStop.TIMEOUT and closed the connections: the
            // requests still running lose their answer, their transactions roll back.
            log.warn("Stopping: {} request(s) still running after {} s were cut off", gracefulStop.inFlight(),
                    GracefulStop.TIMEOUT.toSeconds());
        }
    }
}
