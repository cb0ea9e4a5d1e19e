package dev.cruddur.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.server.auth.CognitoSettings;
import dev.cruddur.server.http.AdmissionLimit;
import dev.cruddur.server.http.ErrorResponses;
import dev.cruddur.server.http.GracefulStop;
import dev.cruddur.server.http.JsonErrorPages;
import dev.cruddur.server.http.SecurityHeaders;
import dev.cruddur.server.http.Cors;
import dev.cruddur.server.http.UnreadBodies;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Configures Javalin: JSON, limits, admission, security headers, CORS, error responses, a graceful stop and the given routes. */
final class HttpServer {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private HttpServer() {
    }

    static Javalin create(ServerSettings settings, ObjectMapper mapper, AdmissionLimit admission,
            GracefulStop gracefulStop, List<Consumer<RoutesConfig>> routeGroups) {
        SecurityHeaders securityHeaders = new SecurityHeaders(settings.cognito().map(CognitoSettings::endpoint));
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.http.maxRequestSize = settings.maxRequestBytes();
            cfg.http.defaultContentType = "application/json";
            // On Java 21+ each request gets a virtual thread; on 17, Jetty's pool.
            cfg.concurrency.useVirtualThreads = Runtime.version().feature() >= 21;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages(securityHeaders)));
            cfg.jetty.modifyServer(gracefulStop::configure);
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setRequestHeaderSize(16 * 1024);
            });
            cfg.http.prefer405over404 = true;
            cfg.requestLogger.http((ctx, ms) -> {
                if (ctx.statusCode() >= 500) {
                    log.warn("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms));
                } else if (log.isDebugEnabled()) {
                    log.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms));
                }
            });
            securityHeaders.register(cfg.routes);
            ErrorResponses.register(cfg.routes);
            // Before the admission limit: a before-handler that refuses skips the ones after it,
            // and a browser must be allowed to read that refusal (503 server_busy) too.
            settings.frontendUrl().ifPresent(origin -> new Cors(origin).register(cfg.routes));
            // Before UnreadBodies: after-handlers run in this order, and draining a refused body
            // (as slowly as its client sends it) must not hold an admission permit.
            admission.register(cfg.routes);
            new UnreadBodies(settings.maxRequestBytes()).register(cfg.routes);
            routeGroups.forEach(group -> group.accept(cfg.routes));
        });
    }
}
