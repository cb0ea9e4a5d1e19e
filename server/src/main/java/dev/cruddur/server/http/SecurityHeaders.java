package dev.cruddur.server.http;

import io.javalin.config.RoutesConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;

/**
 * The headers that tell a browser what the app may do, on every response: pages, files, API
 * answers and errors alike (an error page is a page too).
 *
 * <p>The Content-Security-Policy allows scripts, styles and images from this server only, and
 * no inline script or style (the web app has none: {@code WebSourceRulesTest}), so text that
 * somehow got into the markup still cannot run. The page talks to this server (the API, and
 * {@code /local-cognito} in local mode) and, in Cognito mode, to the user-pool endpoint it gets
 * from {@code /api/config}: those are the only places it may connect to. No site may frame it
 * ({@code frame-ancestors}, and {@code X-Frame-Options} for browsers that predate it), no
 * {@code <base>} may redirect its relative URLs, and forms only go back to this server.
 */
public final class SecurityHeaders {

    private final Map<String, String> headers;

    /** @param cognitoEndpoint where the web app sends Cognito's calls in Cognito mode; empty in local mode */
    public SecurityHeaders(Optional<URI> cognitoEndpoint) {
        String connectSrc = "'self'" + cognitoEndpoint.map(endpoint -> " " + origin(endpoint)).orElse("");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Security-Policy", String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self'",
                "connect-src " + connectSrc,
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'"));
        all.put("X-Content-Type-Options", "nosniff");
        all.put("X-Frame-Options", "DENY");
        // Addresses carry handles and crud ids; other sites need not learn where a reader came from.
        all.put("Referrer-Policy", "no-referrer");
        this.headers = Map.copyOf(all);
    }

    public void register(RoutesConfig routes) {
        routes.before(ctx -> headers.forEach(ctx::header));
    }

    /** For the answers Jetty gives itself, before Javalin sees the request ({@link JsonErrorPages}). */
    void addTo(HttpFields.Mutable fields) {
        headers.forEach(fields::put);
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** A CSP source is an origin: scheme, host and port, no path. */
    private static String origin(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }
}
