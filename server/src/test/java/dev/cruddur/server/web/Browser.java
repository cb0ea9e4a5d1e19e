package dev.cruddur.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.io.FileHandler;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, with a fresh profile that is
 * deleted on close. Nothing is downloaded: the driver and browser paths are given, and surefire
 * sets {@code SE_OFFLINE=true} so Selenium Manager stays out of it. Starting one costs seconds,
 * so a test class opens one for all its tests.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(15);

    final ChromeDriver driver;
    /** Where the server is: {@code http://localhost:<port>}. */
    final String baseUrl;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    /** A browser for the server on this port, at a desktop size. Fails (never skips) without Chromium. */
    static Browser open(int port) {
        requireInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("cruddur-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1200,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1200, 900));
            return new Browser(driver, profile, "http://localhost:" + port);
        } catch (RuntimeException e) {
            FileHandler.delete(profile.toFile());
            throw e;
        }
    }

    private static void requireInstalled() {
        for (Path executable : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(executable)) {
                throw new AssertionError(executable + " is missing: the web app's tests need Debian's Chromium. "
                        + "Install it with: apt-get install chromium chromium-driver");
            }
        }
    }

    void get(String path) {
        driver.get(baseUrl + path);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Waits up to {@link #WAIT} for the condition to give something other than null or false. */
    <T> T waitUntil(Function<WebDriver, T> condition) {
        // The app redraws a page after each write: an element found a moment ago may be gone.
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            // Whatever it cannot delete stays: a profile left in /tmp is harmless; the test result is what matters.
            FileHandler.delete(profile.toFile());
        }
    }
}
