package io.peerlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.scenario.ResultsWriter;
import io.peerlab.scenario.ScenarioLoader;
import io.peerlab.scenario.ScenarioReport;
import io.peerlab.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report of a sweep: the flash crowd over three crowd sizes, server only and swarm, on sim
 * (config/scenarios/flash-crowd-sweep.conf with fewer points). Its plots put the swept key on the
 * x axis, one line per strategy, beside the Kurose–Ross bounds taken from results.json.
 */
class SweepReportTest {
  static final Path FILE = Path.of("../../config/scenarios/flash-crowd-sweep.conf");
  static Results results;
  static Document doc;

  @BeforeAll
  static void runSweep() {
    Path dir = Path.of("target", "report-tests", "flash-crowd-sweep");
    Quickstart.delete(dir);
    ScenarioReport report = new ScenarioRunner().run(ScenarioLoader.plan(FILE, List.of(),
        List.of("transfer=single-source,swarm", "peers=11,21,41;workload.clients=10,20,40")));
    ResultsWriter.write(report, dir);
    results = Results.read(dir);
    doc = Svg.parse(Svg.read(RunReport.write(dir)));
  }

  @Test
  void distributionTime_isDrawnAgainstTheSweptKey_besideBothBounds() {
    assertThat(SweepPlots.xKey(results)).isEqualTo("peers");
    Element svg = Svg.chart(doc, "sweep-distribution");
    Map<String, List<Svg.Point>> lines = Svg.points(svg);
    assertThat(lines.keySet()).containsExactlyInAnyOrder(
        "client-server · transfer=single-source", "client-server · transfer=swarm",
        "D_cs (Kurose–Ross bound)", "D_p2p (Kurose–Ross bound)");
    assertThat(lines.values()).allSatisfy(l -> assertThat(l).hasSize(3));

    // Every plotted value, runs and bounds, on one linear y axis: pixels follow results.json.
    List<Double> values = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (String transfer : List.of("single-source", "swarm")) {
      List<Svg.Point> line = lines.get("client-server · transfer=" + transfer);
      List<Run> runs = results.runs().stream()
          .filter(r -> r.transfer().equals(transfer))
          .sorted(java.util.Comparator.comparingInt(Run::peers))
          .toList();
      assertThat(runs).hasSize(3);
      for (int i = 0; i < 3; i++) {
        values.add(runs.get(i).value("/distributionTimeMs") / 1000);
        ys.add(line.get(i).y());
        if (transfer.equals("swarm")) {
          values.add(runs.get(i).value("/bounds/dp2pMs") / 1000);
          ys.add(lines.get("D_p2p (Kurose–Ross bound)").get(i).y());
          values.add(runs.get(i).value("/bounds/dcsMs") / 1000);
          ys.add(lines.get("D_cs (Kurose–Ross bound)").get(i).y());
        }
      }
    }
    Svg.assertLinear("distribution time", values.stream().mapToDouble(d -> d).toArray(),
        ys.stream().mapToDouble(d -> d).toArray(), 1.5);
    // And the x axis is the crowd: three distinct positions, left to right as peers grows.
    List<Svg.Point> swarm = lines.get("client-server · transfer=swarm");
    assertThat(swarm.get(0).x()).isLessThan(swarm.get(1).x());
    assertThat(swarm.get(1).x()).isLessThan(swarm.get(2).x());
  }

  @Test
  void sweepSection_comesFirst_andRunsAreNamedByTheirPoint() {
    assertThat(doc.select("section").first().id()).isEqualTo("section-comparison");
    assertThat(doc.getElementById("section-sweep")).isNotNull();
    assertThat(doc.select("#section-sweep figure").eachAttr("id"))
        .contains("sweep-distribution", "sweep-throughput", "sweep-messages-fetch");
    assertThat(results.name(results.runs().get(0))).contains("peers=").contains("transfer=");
    assertThat(Svg.networkReferences(doc)).isEmpty();
  }
}
