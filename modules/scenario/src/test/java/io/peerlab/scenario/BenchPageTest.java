package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** bench.html from the summary table the bench jar prints. */
class BenchPageTest {
  private static final String SUMMARY = String.join("\n",
      "| benchmark | params | mode | threads | score | ± error | unit | p50 | p99 | p99.9 | max | vs baseline |",
      "|---|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|",
      "| actorPingPong | | avgt | 1 | 12.5 | 0.3 | us/op | | | | | 2.50× pingPongLatency; 1.25× askLatency |",
      "| pingPongLatency | | avgt | 1 | 5.0 | 0.1 | us/op | | | | | |",
      "",
      "Source: jmh.json. Ratio = figure / baseline in the same unit.");

  @Test
  void parse_readsEachFigureAndItsRatios() {
    List<BenchPage.Row> rows = BenchPage.parse(SUMMARY);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).name()).isEqualTo("actorPingPong");
    assertThat(rows.get(0).score()).isEqualTo(12.5);
    assertThat(rows.get(0).unit()).isEqualTo("us/op");
    assertThat(rows.get(0).ratios()).containsExactly(
        new BenchPage.Ratio(2.5, "pingPongLatency"), new BenchPage.Ratio(1.25, "askLatency"));
    assertThat(rows.get(1).ratios()).isEmpty();
  }

  @Test
  void page_hasOneInlineSvgBarChartPerFigureWithBaselines_andTheTable() {
    String html = BenchPage.html(SUMMARY, "peerlab bench");
    assertThat(html.split("class=\"bench-chart\"", -1)).hasSize(2);
    assertThat(html).contains("<svg", "actorPingPong", "pingPongLatency", "askLatency",
        "<th>vs baseline</th>", "Source: jmh.json").doesNotContain("http://cdn", "<script src");
  }
}
