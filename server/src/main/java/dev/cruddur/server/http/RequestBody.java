package dev.cruddur.server.http;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.servlet.MaxRequestSize;
import java.io.IOException;

/**
 * A request's whole body, for the handlers that read one. Javalin finds a body too large only by
 * reading past the limit, which for a client that sent {@code Expect: 100-continue} means
 * answering {@code 100 Continue} first and having the refused body uploaded; a body announced
 * larger than the limit is refused here before any of it is read. Most bodies are already in
 * memory when the handler runs ({@link BodiesFirst}); one sent after {@code 100 Continue} is read
 * here, under {@link ContinuedBodyReads}.
 */
public final class RequestBody {

    private RequestBody() {
    }

    /**
     * @throws ContentTooLargeResponse (413) when the body is, or is announced as, larger than the server's limit
     * @throws ServerBusyException 503 when the {@link AdmissionLimit} is reached once the body is in
     * @throws ApiException 400 {@code body_incomplete} when the client stopped sending before the
     *                      end it announced (Jetty's "Early EOF")
     */
    public static byte[] read(Context ctx) {
        long max = ctx.appData(MaxRequestSize.INSTANCE.getMaxRequestSizeKey());
        if (ctx.req().getContentLengthLong() > max) {
            throw new ContentTooLargeResponse();
        }
        try {
            return AdmissionLimit.receiveUnadmitted(ctx, () -> ContinuedBodyReads.receive(ctx, ctx::bodyAsBytes));
        } catch (ServerBusyException e) {
            throw e;
        } catch (Exception e) {
            // bodyAsBytes is Kotlin: the IOException of a cut-off upload arrives undeclared.
            if (e instanceof IOException || e.getCause() instanceof IOException) {
                throw new ApiException(400, "body_incomplete", "The request body ended before its announced length.");
            }
            throw e;
        }
    }
}
