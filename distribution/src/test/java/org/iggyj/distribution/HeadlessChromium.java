package org.iggyj.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium and its driver from the operating system's packages (Debian: {@code chromium},
 * {@code chromium-driver}), found by path so Selenium never tries to download a browser (the CI machine
 * has no outside network). {@code -Dconsole.chromium=PATH} and {@code -Dconsole.chromedriver=PATH}
 * override the search.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver",
            "/usr/lib/chromium-browser/chromedriver");

    private final ChromeDriver driver;
    private final Path screenshots;

    private HeadlessChromium(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** @return why no browser can run here, or empty when both the browser and its driver were found */
    static Optional<String> unavailable() {
        if (find("console.chromium", BROWSERS).isEmpty()) {
            return Optional.of("no Chromium found (looked at " + BROWSERS + "); install Debian's 'chromium' and "
                    + "'chromium-driver' packages (.ci/run does) or set -Dconsole.chromium");
        }
        if (find("console.chromedriver", DRIVERS).isEmpty()) {
            return Optional.of("no chromedriver found (looked at " + DRIVERS + "); install Debian's "
                    + "'chromium-driver' package (.ci/run does) or set -Dconsole.chromedriver");
        }
        return Optional.empty();
    }

    /**
     * @param profileDir  a fresh, empty directory for the browser profile
     * @param screenshots where {@link #screenshot} writes
     * @return a running headless browser with a laptop-sized window
     */
    static HeadlessChromium start(Path profileDir, Path screenshots) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(find("console.chromium", BROWSERS).orElseThrow());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profileDir, "--window-size=1280,900",
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(find("console.chromedriver", DRIVERS).orElseThrow()).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        Files.createDirectories(screenshots);
        return new HeadlessChromium(driver, screenshots);
    }

    ChromeDriver driver() {
        return driver;
    }

    void windowSize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the current page as {@code <name>.png} and returns the file. */
    Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    private static Optional<String> find(String property, List<String> candidates) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Optional.of(configured) : Optional.empty();
        }
        return candidates.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
