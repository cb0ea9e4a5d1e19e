package dev.cruddur.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.config.StaticFilesConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The web app: plain HTML, CSS and JavaScript modules from {@code resources/web}, served as they
 * are (no build step). The app routes in the browser with the History API, so each of its
 * addresses is answered here with {@code index.html}; a reload or a shared link then opens the
 * right page. Only these addresses: everything else keeps the API's JSON 404.
 */
public final class WebApp {

    /** The classpath folder the files are served from. */
    static final String ROOT = "/web";

    /** The app's own pages, as the browser's address bar shows them (see {@code js/router.js}). */
    static final List<String> PAGES = List.of(
            "/", "/@{handle}", "/cruds/{uuid}", "/search", "/notifications",
            "/signup", "/confirm", "/signin", "/forgot-password");

    /**
     * The files change with each release but their names do not, so browsers must ask again
     * each time (a cheap 304 thanks to the ETag/Last-Modified Jetty sends).
     */
    private static final String CACHE_CONTROL = "no-cache";

    private final byte[] indexHtml;

    public WebApp() {
        this.indexHtml = read(ROOT + "/index.html");
    }

    /** {@code /app.css}, {@code /js/…}, {@code /images/…} straight from the classpath. */
    public void serveFiles(StaticFilesConfig staticFiles) {
        staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = ROOT;
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", CACHE_CONTROL);
        });
    }

    public void register(RoutesConfig routes) {
        PAGES.forEach(page -> routes.get(page, this::index));
    }

    void index(Context ctx) {
        ctx.header("Cache-Control", CACHE_CONTROL).contentType("text/html; charset=utf-8").result(indexHtml);
    }

    private static byte[] read(String resource) {
        try (InputStream in = WebApp.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; the build did not copy the web app");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
