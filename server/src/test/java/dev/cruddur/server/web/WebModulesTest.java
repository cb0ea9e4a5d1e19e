package dev.cruddur.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.server.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app's modules one function at a time, imported into the real headless Chromium from
 * the real server (no Node, no bundler): what can go wrong only in edge cases a journey does
 * not reach — a hostile {@code next} address, Cognito's request shapes and error forms, a
 * refresh shared by concurrent calls, a refresh token Cognito does not send again, a skewed
 * clock. Each snippet is the body of an async function; the value it returns comes back as
 * JSON-like Java objects.
 */
class WebModulesTest {

    @TempDir
    static Path dataDirectory;

    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        server = TestServer.startWithLocalIdentity(dataDirectory);
        browser = Browser.open(server.port());
        new CruddurUi(browser).open("/");
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.close();
        }
    }

    /** Runs the body of an async function in the page; fails the test with the page's error. */
    @SuppressWarnings("unchecked")
    private static <T> T run(String body) {
        Object answer = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " (async () => {" + body + "})().then((value) => done({value: value ?? null}),"
                + " (error) => done({error: String(error && error.stack || error)}));");
        Map<?, ?> result = (Map<?, ?>) answer;
        if (result.get("error") != null) {
            throw new AssertionError("the page threw: " + result.get("error"));
        }
        return (T) result.get("value");
    }

    @Test
    void afterSigningInOnlyPathsOfThisAppAreFollowed() {
        List<Object> answers = run("const {safeNext} = await import('/js/router.js');"
                + " const next = (value) => safeNext(new URL('/signin?next=' + encodeURIComponent(value), location.origin));"
                + " return ['/cruds/1?x=2#r', '/?compose=1', '//evil.example/x', '/\\\\evil.example', '/\\t/evil.example',"
                + " '/\\n/evil.example', 'https://evil.example/', 'javascript:alert(1)', ' /x', ''].map(next);");

        assertThat(answers).containsExactly(
                "/cruds/1?x=2#r", "/?compose=1", "/", "/", "/", "/", "/", "/", "/", "/");
    }
}
