package dev.cruddur.server.web;

import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser test class: one {@link WebSession} (a server with the development identity provider
 * and the seed data, and one Chromium) for all its tests, and the helpers they drive it with. A
 * subclass's own {@code @BeforeAll} runs after this one's, so it can make its accounts there.
 */
abstract class BrowserPerClass {

    @TempDir
    static Path dataDirectory;

    static WebSession web;
    static Browser browser;
    static CruddurUi ui;
    static AccountClient accounts;
    static ApiClient api;

    @BeforeAll
    static void startServerAndBrowser() {
        web = WebSession.start(dataDirectory);
        browser = web.browser();
        ui = web.ui();
        accounts = web.accounts();
        api = web.server().client();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (web != null) {
            web.close();
            web = null;
        }
    }

    /** Where most tests start: signed out, on the home page, at desktop size. */
    static void signedOutAtDesktopSize() {
        ui.open("/");
        browser.script("window.localStorage.clear();");
        browser.resize(1200, 900);
        ui.open("/");
    }
}
