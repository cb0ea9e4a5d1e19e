package dev.cruddur.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty answers some requests before they reach Javalin (an undecodable path, oversized
 * headers, a request refused because the server is stopping); its default answer is an HTML
 * page. This makes those answers the API's JSON error body too, with the same security headers
 * as every other response. The text is fixed per status: nothing from the request is echoed back.
 */
public final class JsonErrorPages extends ErrorHandler {

    /**
     * Jetty answers 503 itself only while it stops ({@link GracefulStop}; Javalin answers the
     * API's own 503s): whoever is refused may try again once a restarted server is up.
     */
    static final String SHUTTING_DOWN_RETRY_AFTER_SECONDS = "5";

    private final SecurityHeaders securityHeaders;

    public JsonErrorPages(SecurityHeaders securityHeaders) {
        this.securityHeaders = securityHeaders;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            // "HTTP/9.9", or a request line broken by a stray byte: the client's mistake, not ours.
            response.setStatus(HttpStatus.BAD_REQUEST_400);
            code = HttpStatus.BAD_REQUEST_400;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, SHUTTING_DOWN_RETRY_AFTER_SECONDS);
        }
        securityHeaders.addTo(response.getHeaders());
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        securityHeaders.addTo(fields);
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        String json = switch (status) {
            case 400 -> "{\"error\":\"bad_request\",\"message\":\"The request is malformed (for example, an undecodable path).\"}";
            case 404 -> "{\"error\":\"not_found\",\"message\":\"There is nothing at this address.\"}";
            case 408 -> "{\"error\":\"body_too_slow\",\"message\":\"The request body arrived too slowly.\"}";
            case 413 -> "{\"error\":\"body_too_large\",\"message\":\"The request body is too large.\"}";
            case 414 -> "{\"error\":\"uri_too_long\",\"message\":\"The address is too long.\"}";
            case 431 -> "{\"error\":\"headers_too_large\",\"message\":\"The request headers are too large.\"}";
            case 503 -> "{\"error\":\"shutting_down\",\"message\":\"The server is stopping; try again in a few seconds.\"}";
            default -> status >= 500
                    ? "{\"error\":\"internal_error\",\"message\":\"Something went wrong on our side.\"}"
                    : "{\"error\":\"http_" + status + "\",\"message\":\"The request could not be handled.\"}";
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
