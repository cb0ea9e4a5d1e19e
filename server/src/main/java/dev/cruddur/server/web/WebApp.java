package dev.cruddur.server.web;

import dev.cruddur.server.http.Admission;
import dev.cruddur.server.web.WebFiles.WebFile;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;

/**
 * The web app: plain HTML, CSS and JavaScript modules from {@code resources/web}, served as they
 * are (no build step), from memory ({@link WebFiles}). The app routes in the browser with the
 * History API, so each of its addresses is answered here with {@code index.html}; a reload or a
 * shared link then opens the right page. Only these addresses and the files: everything else
 * keeps the API's JSON 404.
 */
public final class WebApp {

    /** The app's own pages, as the browser's address bar shows them (see {@code js/router.js}). */
    static final List<String> PAGES = List.of(
            "/", "/@{handle}", "/@{handle}/followers", "/@{handle}/following", "/cruds/{uuid}", "/search",
            "/notifications", "/messages", "/messages/{conversation}", "/signup", "/confirm", "/signin",
            "/forgot-password");

    /**
     * The files change with each release but their names do not, so browsers must ask again
     * each time (a cheap 304 thanks to the ETag).
     */
    private static final String CACHE_CONTROL = "no-cache";

    private final Map<String, WebFile> files;

    public WebApp() {
        this.files = WebFiles.load();
    }

    public void register(RoutesConfig routes) {
        Handler index = serve(files.get("/index.html"));
        PAGES.forEach(page -> {
            routes.get(page, index, Admission.UNCOUNTED);
            routes.head(page, index);
        });
        files.forEach((path, file) -> {
            routes.get(path, serve(file), Admission.UNCOUNTED);
            routes.head(path, serve(file));
        });
    }

    private static Handler serve(WebFile file) {
        return ctx -> {
            ctx.header("Cache-Control", CACHE_CONTROL).header("ETag", file.etag());
            if (file.etag().equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
                return;
            }
            ctx.contentType(file.contentType()).result(file.content());
        };
    }
}
