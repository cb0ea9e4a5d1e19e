package dev.cruddur.server.web;

import dev.cruddur.database.SeedData;
import dev.cruddur.server.TestServer;
import dev.cruddur.testkit.account.AccountClient;
import dev.cruddur.testkit.http.ApiClient;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser test class: for all its tests, a real server with the development identity provider
 * on a fresh database holding the seed data (as a fresh {@code cruddur serve} has), one Chromium
 * pointed at it, and the helpers that drive the page and make accounts over the API. A
 * subclass's own {@code @BeforeAll} runs after this one's, so it can make its accounts there. A
 * class whose server is set up further does not extend it (JUnit would run this class's
 * {@code @BeforeAll} as well as its own): it calls {@link #start} and {@link #stopServerAndBrowser}
 * from its own.
 */
abstract class BrowserPerClass {

    @TempDir
    static Path dataDirectory;

    static TestServer server;
    static Browser browser;
    static CruddurUi ui;
    static AccountClient accounts;
    static ApiClient api;

    @BeforeAll
    static void startServerAndBrowser() {
        start(dataDirectory, UnaryOperator.identity());
    }

    /** @param setUp sets the server up further before it starts */
    static void start(Path dataDirectory, UnaryOperator<TestServer.Builder> setUp) {
        server = setUp.apply(TestServer.withLocalIdentity(dataDirectory)).start();
        new SeedData(server.database().jdbi()).apply();
        accounts = server.accounts();
        api = server.client();
        browser = Browser.open(server.port());
        ui = new CruddurUi(browser);
    }

    /** Runs even when the start failed part way: whatever was started is closed. */
    @AfterAll
    static void stopServerAndBrowser() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            browser = null;
            server = null;
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
