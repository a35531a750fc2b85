package io.peerlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser opens the reports: Debian's headless Chromium driven by chromedriver (both on
 * PATH; .ci/run installs them). Skipped, saying why, only where no Chromium binary exists. The
 * screenshots are kept under target/report-tests/ for a person to look at.
 */
class BrowserTest {
  static final Path SHOTS = Path.of("target", "report-tests");
  static ChromeDriver driver;
  /** Held, so the setting lasts: Selenium warns that it has no CDP for this Chromium; we use none. */

  @BeforeAll
  static void startChromium() throws IOException {
    // Tests run in any order: each writes its pages and screenshots here.
    Files.createDirectories(SHOTS);
    driver = Chromium.start("the browser test", 1400, 1000);
  }

  @AfterAll
  static void stopChromium() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void quickstartReport_opensWithoutConsoleErrors_andShowsEveryChart() throws IOException {
    Path report = RunReport.write(Quickstart.base().dir());
    BufferedImage shot = open(report, "report.png");
    assertDrawn(shot);
    assertCharts(15, "Lookup latency by percentile", "Throughput", "Lorenz curve of upload",
        "Maintenance messages over time");
    assertThat(driver.findElements(By.cssSelector("table.comparison tbody tr"))).hasSize(13);
    assertThat(driver.findElements(By.cssSelector("#timeline-throughput svg"))).hasSize(1);
  }

  @Test
  void comparison_opensWithoutConsoleErrors_andShowsEveryChart() throws IOException {
    Results a = Results.read(Quickstart.base().dir());
    Results b = Results.read(Quickstart.moreClients().dir());
    Path compare = CompareReport.write(a, b, SHOTS.resolve("compare.html"));
    assertDrawn(open(compare, "compare.png"));
    assertCharts(15, "Fetch latency by percentile", "Server share of upload", "Lorenz curve of messages handled");
  }

  @Test
  void consoleCheck_seesAnErrorWhenThereIsOne() throws IOException {
    Path page = SHOTS.resolve("console-error.html");
    Files.writeString(page, "<!DOCTYPE html><title>x</title><script>console.error('deliberate')</script>");
    driver.get(page.toUri().toString());
    waitUntilLoaded();
    assertThat(Chromium.severe(driver)).anyMatch(e -> e.getMessage().contains("deliberate"));
  }

  /** Loads the page, checks the console, and takes a screenshot of all of it. */
  private static BufferedImage open(Path page, String shotName) throws IOException {
    driver.manage().window().setSize(new Dimension(1400, 1000));
    driver.get(page.toAbsolutePath().toUri().toString());
    waitUntilLoaded();
    assertThat(Chromium.severe(driver)).as("console errors of %s", page).isEmpty();
    long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(1400, (int) Math.min(height, 16_000)));
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(SHOTS);
    Files.write(SHOTS.resolve(shotName), png);
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  private static void waitUntilLoaded() {
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(
        d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }


  /** Every figure's SVG laid out with a real size, and its chart's title drawn inside it. */
  private static void assertCharts(int count, String... titles) {
    List<WebElement> svgs = driver.findElements(By.cssSelector("figure.plot svg"));
    assertThat(svgs).hasSize(count);
    for (WebElement svg : svgs) {
      assertThat(svg.getRect().getWidth()).isGreaterThan(400);
      assertThat(svg.getRect().getHeight()).isGreaterThan(200);
    }
    List<String> texts = driver.findElements(By.cssSelector("figure.plot svg text")).stream()
        .map(WebElement::getText).toList();
    assertThat(texts).contains(titles);
  }

  /**
   * Not blank: the page's pixels vary (a white or single-colour page has no variance), and a fair
   * share of them is not background.
   */
  private static void assertDrawn(BufferedImage img) {
    assertThat(img.getWidth()).isGreaterThanOrEqualTo(1000);
    assertThat(img.getHeight()).isGreaterThan(3000);
    double sum = 0;
    double sq = 0;
    long ink = 0;
    long n = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        int rgb = img.getRGB(x, y);
        double lum = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
        sum += lum;
        sq += lum * lum;
        ink += lum < 200 ? 1 : 0;
        n++;
      }
    }
    double mean = sum / n;
    double variance = sq / n - mean * mean;
    assertThat(variance).as("luminance variance of the screenshot").isGreaterThan(200);
    assertThat((double) ink / n).as("share of non-background pixels").isGreaterThan(0.02);
  }

}
