package io.peerlab.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.report.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser on the live demo: Debian's headless Chromium driven by chromedriver (both on
 * PATH; .ci/run installs them), skipped, saying why, only where no Chromium binary exists. Chord
 * beside Kademlia on the local runtime: every peer is drawn, a lookup's path appears hop by hop, a
 * clicked peer shows its fingers, and a killed peer vanishes while the counters move on; no console
 * errors. The screenshot is the README's, docs/images/demo.png.
 */
class DemoBrowserTest {
  static final Path SCREENSHOT = Path.of("..", "..", "docs", "images", "demo.png");
  static ChromeDriver driver;

  @BeforeAll
  static void startChromium() {
    driver = Chromium.start("the demo's browser test", 1400, 1200);
  }

  @AfterAll
  static void stopChromium() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void chordBesideKademlia_drawsEveryPeer_aLookupPath_andAKilledPeerVanishes() throws Exception {
    Demo demo = Demo.start(DemoFixture.chord(24, 12, 100000, "chord", "kademlia"), Demo.Options.defaults(8));
    try (DemoServer server = DemoServer.start(demo, "127.0.0.1", 0, 64)) {
      driver.get("http://127.0.0.1:" + server.port() + "/");
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));

      // Every peer of both panels drawn, before anything runs.
      wait.until(d -> d.findElements(By.cssSelector("circle.peer")).size() == 48);
      assertThat(driver.findElements(By.cssSelector("#panel-0 circle.peer"))).hasSize(24);
      assertThat(driver.findElements(By.cssSelector("#panel-1 circle.peer"))).hasSize(24);

      // Start: a lookup's path appears on the Chord ring, hop by hop.
      driver.findElement(By.id("start")).click();
      wait.until(d -> !d.findElements(By.cssSelector("#panel-0 path.path-hop[data-op^='lookup#']")).isEmpty());

      // Click a peer: its state, fingers and successor list drawn.
      int victim = 5;
      driver.findElement(By.cssSelector("#panel-0 circle.peer[data-id='" + victim + "']")).click();
      wait.until(d -> d.findElement(By.id("peer-state")).getText().contains("successorList"));
      wait.until(d -> !d.findElements(By.cssSelector("#panel-0 path.finger")).isEmpty());
      wait.until(d -> !d.findElements(By.cssSelector("#panel-0 path.succ")).isEmpty());
      Files.createDirectories(SCREENSHOT.getParent());
      Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));

      // Kill it: it vanishes, the kill counter says so, and the counters keep moving.
      long messagesBefore = counter("p0-messages");
      driver.findElement(By.id("kill")).click();
      wait.until(d -> d.findElements(By.cssSelector("#panel-0 circle.peer[data-id='" + victim + "']")).isEmpty());
      assertThat(driver.findElements(By.cssSelector("#panel-0 circle.peer"))).hasSize(23);
      assertThat(driver.findElements(By.cssSelector("#panel-1 circle.peer"))).hasSize(24);
      wait.until(d -> counter("p0-killed") == 1);
      wait.until(d -> counter("p0-messages") > messagesBefore);
      wait.until(d -> counter("p0-completed") > 0);

      // A Kademlia peer: its k-buckets, one colour each.
      driver.findElement(By.cssSelector("#panel-1 circle.peer[data-id='3']")).click();
      wait.until(d -> d.findElement(By.id("peer-state")).getText().contains("buckets"));
      wait.until(d -> d.findElements(By.cssSelector("#panel-1 path.contact")).size() >= 3);

      assertThat(Chromium.severe(driver)).as("console errors").isEmpty();
      assertThat(((JavascriptExecutor) driver).executeScript("return typeof d3.version")).isEqualTo("string");
    }
  }

  @Test
  void flashCrowd_serverAloneBesideTheSwarm_gridFillsIn_andPeersUploadToPeers() throws Exception {
    Demo demo = Demo.start(DemoScenarios.variants(null, List.of(), null), Demo.Options.defaults(2));
    try (DemoServer server = DemoServer.start(demo, "127.0.0.1", 0, 64)) {
      driver.get("http://127.0.0.1:" + server.port() + "/");
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
      wait.until(d -> d.findElements(By.cssSelector("circle.peer")).size() == 34);
      assertThat(driver.findElement(By.cssSelector("#panel-0 h2")).getText()).contains("single-source");
      assertThat(driver.findElement(By.cssSelector("#panel-1 h2")).getText()).contains("swarm");
      // 16 clients x 16 pieces in each grid, all empty before Start.
      assertThat(driver.findElements(By.cssSelector("#panel-1 rect.cell"))).hasSize(256);
      assertThat(driver.findElements(By.cssSelector("rect.cell.have"))).isEmpty();

      driver.findElement(By.id("start")).click();
      wait.until(d -> !d.findElements(By.cssSelector("#panel-0 rect.cell.have")).isEmpty());
      wait.until(d -> !d.findElements(By.cssSelector("#panel-1 line.upload:not([data-from='0'])")).isEmpty());
      // Left, every upload arrow leaves the server; right, peers upload to peers.
      assertThat(driver.findElements(By.cssSelector("#panel-0 line.upload:not([data-from='0'])"))).isEmpty();
      wait.until(d -> d.findElements(By.cssSelector("#panel-1 rect.cell.have")).size() == 256);
      assertThat(((JavascriptExecutor) driver).executeScript("return document.getElementById('p1-serverShare').textContent"))
          .isNotEqualTo("100%");
      Files.write(SCREENSHOT.resolveSibling("demo-flash-crowd.png"), driver.getScreenshotAs(OutputType.BYTES));
      assertThat(Chromium.severe(driver)).as("console errors").isEmpty();
    }
  }

  @Test
  void flooding_drawsTheGraph_andAQueryWaveByHopCount() throws Exception {
    Demo demo = Demo.start(DemoScenarios.variants(
        Path.of("..", "..", "docs", "labs", "scenarios", "random-walk.conf"),
        List.of("peers=40", "workload.clients=10", "topologies=[flooding]"), null), Demo.Options.defaults(4));
    try (DemoServer server = DemoServer.start(demo, "127.0.0.1", 0, 64)) {
      driver.get("http://127.0.0.1:" + server.port() + "/");
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
      wait.until(d -> d.findElements(By.cssSelector("#panel-0 circle.peer")).size() == 40);
      wait.until(d -> d.findElements(By.cssSelector("#panel-0 line.edge")).size() >= 40);
      driver.findElement(By.id("start")).click();
      wait.until(d -> d.findElements(By.cssSelector("#panel-0 circle.peer[data-hop='2']")).size() > 0);
      assertThat(Chromium.severe(driver)).as("console errors").isEmpty();
    }
  }


  private static long counter(String id) {
    WebElement e = driver.findElement(By.id(id));
    return Long.parseLong(e.getText().trim());
  }

}
