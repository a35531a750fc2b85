package io.peerlab.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for the browser tests of the report and of the demo (shared through report's
 * test-jar): Debian's {@code chromium} and {@code chromium-driver} from the PATH, never a driver
 * Selenium Manager would download. Without Chromium a test is skipped with a message saying what
 * to install; with Chromium but without its driver it fails.
 */
public final class Chromium {
  private Chromium() {}

  private static final java.util.logging.Logger CDP =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

  /** A headless Chromium with a window of {@code width} × {@code height}, for {@code what}. */
  public static ChromeDriver start(String what, int width, int height) {
    Optional<Path> chromium = onPath("chromium", "chromium-browser", "google-chrome");
    assumeTrue(chromium.isPresent(),
        "no Chromium binary on PATH (chromium, chromium-browser or google-chrome): install Debian's chromium and"
            + " chromium-driver packages (.ci/run does) to run " + what);
    Path chromedriver = onPath("chromedriver").orElseThrow(() -> new AssertionError(
        "Chromium is at " + chromium.get() + " but chromedriver is not on PATH: install chromium-driver"));
    CDP.setLevel(Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--hide-scrollbars", "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    // The driver given explicitly: Selenium Manager never looks for (or downloads) one.
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  /** The page's console entries of level SEVERE (errors) so far. */
  public static List<LogEntry> severe(ChromeDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
  }

  /** The first of {@code names} that is an executable file on the PATH. */
  public static Optional<Path> onPath(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(names)
        .flatMap(n -> Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, n)))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
