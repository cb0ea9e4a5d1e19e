package dev.cruddur.server.web;

import dev.cruddur.database.SeedData;
import dev.cruddur.server.TestServer;
import dev.cruddur.testkit.account.AccountClient;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * What every browser test class needs once: a real server with the development identity provider
 * on a fresh database holding the seed data (as a fresh {@code cruddur serve} has), Chromium
 * pointed at it, and the helpers that drive the page and make accounts over the API.
 */
record WebSession(TestServer server, Browser browser, CruddurUi ui, AccountClient accounts) implements AutoCloseable {

    static WebSession start(Path dataDirectory) {
        return start(dataDirectory, UnaryOperator.identity());
    }

    /** @param setUp sets the server up further before it starts */
    static WebSession start(Path dataDirectory, UnaryOperator<TestServer.Builder> setUp) {
        TestServer server = setUp.apply(TestServer.withLocalIdentity(dataDirectory)).start();
        try {
            new SeedData(server.database().jdbi()).apply();
            Browser browser = Browser.open(server.port());
            return new WebSession(server, browser, new CruddurUi(browser), server.accounts());
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            server.close();
        }
    }
}
