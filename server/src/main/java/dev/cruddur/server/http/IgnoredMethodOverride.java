package dev.cruddur.server.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Takes {@code X-HTTP-Method-Override} out of every request before Javalin sees it. Javalin
 * routes a request by that header's method when it is there (it has no setting to stop that),
 * so a {@code GET /api/activities} carrying {@code X-HTTP-Method-Override: POST} posted a crud:
 * a GET that proxies, caches, logs and filters all treat as a read. A request is what its
 * request line says.
 */
public final class IgnoredMethodOverride extends Handler.Wrapper {

    static final String HEADER = "X-HTTP-Method-Override";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!request.getHeaders().contains(HEADER)) {
            return super.handle(request, response, callback);
        }
        HttpFields without = HttpFields.build(request.getHeaders()).remove(HEADER).asImmutable();
        return super.handle(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return without;
            }
        }, response, callback);
    }
}
