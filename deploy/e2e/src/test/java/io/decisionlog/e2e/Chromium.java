package io.decisionlog.e2e;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real headless Chromium for the web UI's tests: Debian's {@code chromium} and {@code chromium-driver} (a browser
 * cannot be downloaded here). When they are missing and this runs as root with apt-get, it installs them; otherwise it
 * fails saying what to install. It never skips: a UI test without a browser is a failed test.
 */
final class Chromium {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Chromium() {
    }

    /** A new headless browser, 1280 px wide, with a profile of its own under {@code profiles}. */
    static ChromeDriver start(Path profiles) throws IOException, InterruptedException {
        Path browser = find("DECISIONLOG_CHROMIUM", BROWSERS).orElse(null);
        Path driver = find("DECISIONLOG_CHROMEDRIVER", DRIVERS).orElse(null);
        if (browser == null || driver == null) {
            install();
            browser = find("DECISIONLOG_CHROMIUM", BROWSERS).orElseThrow(() -> missing("chromium"));
            driver = find("DECISIONLOG_CHROMEDRIVER", DRIVERS).orElseThrow(() -> missing("chromedriver"));
        }
        ChromeOptions options = new ChromeOptions().setBinary(browser.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                // this machine's network is closed: no background calls home, no update checks
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory(Files.createDirectories(profiles), "chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> find(String variable, List<String> places) {
        String set = System.getenv(variable);
        if (set != null && !set.isBlank()) {
            return Optional.of(Path.of(set)).filter(Files::isExecutable);
        }
        return places.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** apt-get install, as root only: the project's own files bring what a run needs. */
    private static void install() throws IOException, InterruptedException {
        boolean root = "0".equals(run(List.of("id", "-u")).trim());
        boolean apt = new File("/usr/bin/apt-get").canExecute();
        if (!root || !apt) {
            throw missing("chromium and chromium-driver");
        }
        System.err.println("the web UI tests need a browser: installing Debian's chromium and chromium-driver");
        String installed = run(List.of("apt-get", "install", "-y", "-q", "chromium", "chromium-driver"));
        if (!installed.contains("chromium")) {
            run(List.of("apt-get", "update", "-q"));
            run(List.of("apt-get", "install", "-y", "-q", "chromium", "chromium-driver"));
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static IllegalStateException missing(String what) {
        return new IllegalStateException("the web UI's browser tests need " + what + " (Debian: apt-get install chromium "
                + "chromium-driver, as root; or set DECISIONLOG_CHROMIUM and DECISIONLOG_CHROMEDRIVER to their paths)");
    }
}
