package dev.cruddur.server.http;

import dev.cruddur.activity.Page;
import dev.cruddur.activity.PageRequest;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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
        page.next().ifPresent(next -> {
            String cursor = next.encode();
            ctx.header(NEXT_CURSOR_HEADER, cursor);
            ctx.header("Link", "<" + nextUrl(ctx, cursor, request) + ">; rel=\"next\"");
        });
    }

    /** The same request (every other query parameter, such as {@code term}, kept) at the next position. */
    private static String nextUrl(Context ctx, String cursor, PageRequest request) {
        StringBuilder url = new StringBuilder(ctx.path()).append('?');
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("limit") && !name.equals("cursor")) {
                values.forEach(value -> url.append(encode(name)).append('=').append(encode(value)).append('&'));
            }
        });
        return url.append("limit=").append(request.limit()).append("&cursor=").append(cursor).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
