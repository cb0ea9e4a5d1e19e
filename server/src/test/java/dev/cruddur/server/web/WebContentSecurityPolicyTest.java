package dev.cruddur.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Chromium enforces the server's Content-Security-Policy on the running app: markup that
 * somehow got into the page cannot run script or restyle it, while the app itself (scripts and
 * styles from the server) works as usual.
 */
class WebContentSecurityPolicyTest extends BrowserPerClass {

    /** Adds an inline script to the document; true when it ran. */
    private static final String INLINE_SCRIPT_RUNS = """
            delete window.__cruddurInlineRan;
            const script = document.createElement('script');
            script.textContent = 'window.__cruddurInlineRan = true;';
            document.head.appendChild(script);
            return window.__cruddurInlineRan === true;
            """;

    /** Adds an inline style sheet to the document; true when it applied. */
    private static final String INLINE_STYLE_APPLIES = """
            const style = document.createElement('style');
            style.textContent = 'body { outline: 7px solid rgb(1, 2, 3) !important; }';
            document.head.appendChild(style);
            const applied = getComputedStyle(document.body).outlineWidth === '7px';
            style.remove();
            return applied;
            """;

    @Test
    void anInlineScriptAddedToTheAppDoesNotRun() {
        ui.open("/");

        assertThat(browser.script(INLINE_SCRIPT_RUNS)).isEqualTo(false);
        // The app's own scripts did run: they drew the home page (open waited for it).
        assertThat(browser.find(CruddurUi.testId("feed")).isDisplayed()).isTrue();
    }

    @Test
    void anInlineStyleAddedToTheAppDoesNotApply() {
        ui.open("/search");

        assertThat(browser.script(INLINE_STYLE_APPLIES)).isEqualTo(false);
    }

    @Test
    void theSameProbesWorkOnAPageWithoutThePolicy() {
        // The control: were the probes unable to see a script run, the tests above proved nothing.
        browser.driver.get("about:blank");

        assertThat(browser.script(INLINE_SCRIPT_RUNS)).isEqualTo(true);
        assertThat(browser.script(INLINE_STYLE_APPLIES)).isEqualTo(true);
    }
}
