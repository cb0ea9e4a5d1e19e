package dev.cruddur.server.http;

import dev.cruddur.activity.Cursor;
import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Pages over HTTP. Feeds stay bare JSON arrays, as the original API returned them, so the
 * next page's position travels in headers: {@code X-Next-Cursor} (pass it back as
 * {@code ?cursor=}) and an RFC 8288 {@code Link: <…>; rel="next"}. No header: last page.
 */
public final class Pagination {

    public static final String NEXT_CURSOR_HEADER = "X-Next-Cursor";

    private Pagination() {
    }

    public static PageRequest request(Context ctx) {
        return PageRequest.parse(ctx.queryParam("limit"), ctx.queryParam("cursor"));
    }

    public static void writeNext(Context ctx, Page<?> page, PageRequest request) {
        writeNext(ctx, page.next().map(Cursor::encode), request.limit());
    }

    /**
     * The same headers for a list whose positions are not a feed's {@link Cursor} (a
     * conversation's messages are placed by number): its next position, encoded, if any.
     */
    public static void writeNext(Context ctx, Optional<String> encodedNext, int limit) {
        encodedNext.ifPresent(cursor -> {
            ctx.header(NEXT_CURSOR_HEADER, cursor);
            ctx.header("Link", "<" + nextUrl(ctx, cursor, limit) + ">; rel=\"next\"");
        });
    }

    /** The same request (every other query parameter, such as {@code term}, kept) at the next position. */
    private static String nextUrl(Context ctx, String cursor, int limit) {
        StringBuilder url = new StringBuilder(ctx.path()).append('?');
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("limit") && !name.equals("cursor")) {
                values.forEach(value -> url.append(encode(name)).append('=').append(encode(value)).append('&'));
            }
        });
        return url.append("limit=").append(limit).append("&cursor=").append(cursor).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
