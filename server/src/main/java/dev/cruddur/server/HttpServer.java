package dev.cruddur.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cruddur.server.auth.CognitoSettings;
import dev.cruddur.server.http.AdmissionLimit;
import dev.cruddur.server.http.AllowedHosts;
import dev.cruddur.server.http.BodiesFirst;
import dev.cruddur.server.http.ConnectionsPerAddress;
import dev.cruddur.server.http.ContinuedBodyReads;
import dev.cruddur.server.http.Cors;
import dev.cruddur.server.http.ErrorResponses;
import dev.cruddur.server.http.GracefulStop;
import dev.cruddur.server.http.IgnoredMethodOverride;
import dev.cruddur.server.http.JsonErrorPages;
import dev.cruddur.server.http.ListenSocket;
import dev.cruddur.server.http.SecurityHeaders;
import dev.cruddur.server.observability.RequestSignals;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Configures Javalin: where it listens, JSON, limits, the Host names it answers, admission,
 * security headers, CORS, error responses, a graceful stop and the given routes.
 */
final class HttpServer {

    /**
     * How long a connection may stay silent: between two requests on a kept-alive connection,
     * and between two packets of a request's headers or body. Jetty's default, said here: a slow
     * phone's packets are seconds apart at worst; a silent client costs a connection, no thread.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private HttpServer() {
    }

    /**
     * @param listening  the socket it accepts on ({@link ListenSocket}), closed when Javalin stops
     * @param routeAdded told of every route as the router gets it
     * @param signals    each request's id, span, metrics and log line
     */
    static Javalin create(ServerSettings settings, ServerSocketChannel listening, ObjectMapper mapper,
            AdmissionLimit admission, GracefulStop gracefulStop, List<Consumer<RoutesConfig>> routeGroups,
            Consumer<HandlerMetaInfo> routeAdded, RequestSignals signals) {
        SecurityHeaders securityHeaders = new SecurityHeaders(settings.cognito().map(CognitoSettings::endpoint));
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.events.handlerAdded(routeAdded);
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.http.maxRequestSize = settings.maxRequestBytes();
            cfg.http.defaultContentType = "application/json";
            // On Java 21+ each request gets a virtual thread; on 17, Jetty's pool.
            cfg.concurrency.useVirtualThreads = Runtime.version().feature() >= 21;
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                try {
                    connector.open(listening);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                if (settings.connectionsPerAddress() > 0) {
                    connector.addBean(new ConnectionsPerAddress(settings.connectionsPerAddress(), settings.trustedProxies()));
                }
                return connector;
            });
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages(securityHeaders)));
            // Each insert goes first, right under the server: the request meets GracefulStop's
            // counter, then the Host check, then loses its method override, then has its body
            // received, and only then reaches Javalin (attached under the innermost one).
            cfg.jetty.modifyServer(server -> {
                server.insertHandler(new BodiesFirst(settings.maxRequestBytes(),
                        new ContinuedBodyReads(ContinuedBodyReads.DEFAULT_LIMIT, settings.maxRequestBytes())).handler());
                server.insertHandler(new IgnoredMethodOverride());
                server.insertHandler(new AllowedHosts(settings.cognito().isEmpty(), settings.allowedHosts(), securityHeaders));
            });
            cfg.jetty.modifyServer(gracefulStop::configure);
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setRequestHeaderSize(16 * 1024);
            });
            cfg.http.prefer405over404 = true;
            cfg.requestLogger.http(signals::finished);
            // First of the before-handlers, so every later one (a refusal too) runs inside the request's span.
            signals.register(cfg.routes);
            securityHeaders.register(cfg.routes);
            ErrorResponses.register(cfg.routes);
            // CORS headers are added before any route is matched, and the admission limit counts
            // once it is (Javalin runs every before-handler, then every before-matched one), so a
            // browser may read a refusal (503 server_busy) too.
            settings.frontendUrl().ifPresent(origin -> new Cors(origin).register(cfg.routes));
            admission.register(cfg.routes);
            routeGroups.forEach(group -> group.accept(cfg.routes));
        });
    }
}
