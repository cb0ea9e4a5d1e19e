package dev.cruddur.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.HostPort;

/**
 * Answers only requests whose {@code Host} names this server. Against DNS rebinding: a page on
 * {@code evil.example} whose name is then made to resolve to 127.0.0.1 can send the browser's
 * requests to a server on this machine as same-origin requests, read the answers, sign up with
 * the development identity provider and post. The {@code Host} header still names the
 * attacker's domain, and that is refused ({@code 403 host_not_allowed}; at {@code /local-cognito}
 * Cognito's {@code ForbiddenException}).
 *
 * <p>Loopback names ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}, any port) are always
 * answered: no DNS answer can make a browser send them for another site. In local mode they are
 * all that is answered, unless {@code ALLOWED_HOSTS} adds names; with Cognito, any name is
 * answered unless {@code ALLOWED_HOSTS} is set. The health and readiness checks answer whatever the name:
 * load balancers and orchestrators call it by the machine's address, and it tells nothing.
 * A request without {@code Host} (HTTP/1.0) is not a browser's and is answered.
 */
public final class AllowedHosts extends Handler.Wrapper {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile(
            "127\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final byte[] API_REFUSAL = ("{\"error\":\"host_not_allowed\",\"message\":\"This server does not answer"
            + " for that host name. Open it as http://localhost:<port>, or list the name in ALLOWED_HOSTS.\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] COGNITO_REFUSAL = ("{\"__type\":\"ForbiddenException\",\"message\":\"This server does not"
            + " answer for that host name; use localhost, or list the name in ALLOWED_HOSTS.\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final boolean anyName;
    private final Set<String> allowed;
    private final SecurityHeaders securityHeaders;

    /**
     * @param localMode    the development identity provider is on: loopback names only, unless listed
     * @param allowedHosts {@code ALLOWED_HOSTS}, in lower case; empty: in Cognito mode, every name
     */
    public AllowedHosts(boolean localMode, List<String> allowedHosts, SecurityHeaders securityHeaders) {
        this.anyName = !localMode && allowedHosts.isEmpty();
        this.allowed = Set.copyOf(allowedHosts.stream().map(AllowedHosts::withoutBrackets).toList());
        this.securityHeaders = securityHeaders;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String authority = request.getHeaders().get(HttpHeader.HOST);
        if (anyName || authority == null || isAllowed(authority) || isHealthCheck(request)) {
            return super.handle(request, response, callback);
        }
        refuse(request, response, callback);
        return true;
    }

    private boolean isAllowed(String authority) {
        String host;
        try {
            host = withoutBrackets(new HostPort(authority).getHost()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return isLoopback(host) || allowed.contains(host);
    }

    /** {@code localhost}, {@code 127.x.x.x} or {@code ::1} (without brackets), in lower case. */
    public static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("::1") || IPV4_LOOPBACK.matcher(host).matches();
    }

    private static String withoutBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isHealthCheck(Request request) {
        String path = Request.getPathInContext(request);
        return HttpMethod.GET.is(request.getMethod()) && ("/api/health-check".equals(path) || "/api/ready".equals(path));
    }

    private void refuse(Request request, Response response, Callback callback) {
        boolean cognito = HttpMethod.POST.is(request.getMethod()) && isLocalCognito(Request.getPathInContext(request));
        response.setStatus(HttpStatus.FORBIDDEN_403);
        if (cognito) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.1");
            response.getHeaders().put("x-amzn-ErrorType", "ForbiddenException:");
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        }
        securityHeaders.addTo(response.getHeaders());
        response.write(true, ByteBuffer.wrap(cognito ? COGNITO_REFUSAL : API_REFUSAL), callback);
    }

    private static boolean isLocalCognito(String path) {
        return "/local-cognito".equals(path) || "/local-cognito/".equals(path);
    }
}
