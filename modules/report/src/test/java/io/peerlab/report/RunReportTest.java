package io.peerlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerlab.core.run.Summaries;
import io.peerlab.scenario.ComparisonTable;
import io.peerlab.scenario.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html of the quickstart, run for real on sim: every plot, with the values of results.json. */
class RunReportTest {
  static Quickstart.Written run;
  static Results results;
  static String html;
  static Document doc;

  @BeforeAll
  static void writeReport() {
    run = Quickstart.base();
    Path file = RunReport.write(run.dir());
    assertThat(file).isEqualTo(run.dir().resolve("report.html"));
    html = Svg.read(file);
    doc = Svg.parse(html);
    results = Results.read(run.dir());
  }

  @Test
  void comparisonTable_isTheCliTable_cellForCell() {
    // The console's table, as peerlab run prints it: label, then a column per topology.
    List<List<String>> cli = new ArrayList<>();
    for (String line : ComparisonTable.render(run.report()).split("\n")) {
      if (line.startsWith(" ") || line.isBlank() || line.startsWith("quickstart ·")) {
        continue;
      }
      cli.add(Arrays.asList(line.trim().split(" {3,}")));
    }
    List<List<String>> html = new ArrayList<>();
    for (Element tr : doc.select("table.comparison tbody tr")) {
      List<String> row = new ArrayList<>();
      row.add(tr.selectFirst("th").text());
      tr.select("td").forEach(td -> row.add(td.text()));
      html.add(row);
    }
    assertThat(html).hasSize(13).isEqualTo(cli);
    assertThat(doc.select("table.comparison thead th")).extracting(Element::text)
        .containsExactly("", "client-server", "central-index");
  }

  @Test
  void latencyPlots_putEveryTopologysPercentilesOnTheNinesAxis() {
    for (String op : List.of("lookup", "search", "fetch")) {
      Element svg = Svg.chart(doc, "latency-" + op);
      assertThat(Svg.texts(svg)).contains("50%", "90%", "99%", "99.9%", "max");
      Map<String, List<Svg.Point>> points = Svg.points(svg);
      assertThat(points.keySet()).containsExactlyInAnyOrder("client-server", "central-index");
      List<Double> values = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> logX = new ArrayList<>();
      List<Double> xs = new ArrayList<>();
      for (Run r : results.runs()) {
        List<Svg.Point> line = points.get(r.topology());
        assertThat(line).hasSize(5);
        String[] at = {"p50", "p90", "p99", "p999", "max"};
        for (int i = 0; i < at.length; i++) {
          values.add(r.value("/ops/" + op + "/latencyMs/" + at[i]));
          ys.add(line.get(i).y());
          logX.add(Math.log10(new double[] {2, 10, 100, 1000, 10_000}[i]));
          xs.add(line.get(i).x());
        }
      }
      Svg.assertLinear(op + " latency (y)", unbox(values), unbox(ys), 0.6);
      Svg.assertLinear(op + " percentile (x, log of 1/(1-p))", unbox(logX), unbox(xs), 0.6);
    }
  }

  @Test
  void bars_showEachTopologysFigure_asHeightAndAsLabel() {
    assertBars("throughput", "Throughput", "/throughputOpsPerSec", 1, false);
    assertBars("server-share", "Server share of upload", "/load/serverShareOfUpload", 1, true);
    for (String op : List.of("lookup", "search", "fetch")) {
      assertBars("messages-per-op", op, "/ops/" + op + "/messages/mean", 1, false);
      assertBars("hops", op, "/ops/" + op + "/hops/mean", 1, false);
    }
  }

  /** Bar heights in proportion to the values (bars start at 0), each value printed above its bar. */
  private static void assertBars(String id, String series, String pointer, double divisor, boolean percent) {
    Element svg = Svg.chart(doc, id);
    Map<String, Double> heights = Svg.bars(svg).get(series);
    assertThat(heights).as("%s: bars of %s", id, series).containsOnlyKeys("client-server", "central-index");
    double scale = 0;
    for (Run r : results.runs()) {
      double v = r.value(pointer) / divisor;
      double h = heights.get(r.topology());
      if (v > 0 && scale == 0) {
        scale = h / v;
      }
      assertThat(Svg.texts(svg)).contains(percent ? ComparisonTable.pct(v) : ComparisonTable.num(v));
    }
    for (Run r : results.runs()) {
      double v = r.value(pointer) / divisor;
      assertThat(heights.get(r.topology())).as("%s %s height", id, r.topology()).isCloseTo(v * scale,
          org.assertj.core.data.Offset.offset(0.6));
    }
  }

  @Test
  void longLines_carryAboutTwentyMarkers_eachOnItsLine_andShortOnesOneAPoint() {
    // 64 peers: sorted-load lines of 64 points, Lorenz curves of 65; latency lines of 5.
    List<Integer> every4th = new ArrayList<>();
    for (int i = 0; i < 64; i += 4) {
      every4th.add(i);
    }
    Map<String, List<Integer>> expected = Map.of(
        "load-bytes", with(every4th, 63), "load-messages", with(every4th, 63),
        "lorenz-bytes", with(every4th, 64), "lorenz-messages", with(every4th, 64),
        "latency-lookup", List.of(0, 1, 2, 3, 4));
    expected.forEach((id, items) -> {
      Element svg = Svg.chart(doc, id);
      Map<String, List<Svg.Point>> lines = Svg.points(svg);
      Map<String, List<Svg.Point>> markers = Svg.markers(svg);
      assertThat(markers.keySet()).as(id).isEqualTo(lines.keySet()).hasSize(2);
      lines.forEach((series, line) -> {
        List<Svg.Point> marked = markers.get(series);
        assertThat(marked).extracting(Svg.Point::item).as("%s %s", id, series).isEqualTo(items);
        assertThat(line).hasSize(items.get(items.size() - 1) + 1);
        for (Svg.Point m : marked) {
          Svg.Point on = line.get(m.item());
          assertThat(m.x()).as("%s %s marker %d", id, series, m.item())
              .isCloseTo(on.x(), org.assertj.core.data.Offset.offset(0.011));
          assertThat(m.y()).as("%s %s marker %d", id, series, m.item())
              .isCloseTo(on.y(), org.assertj.core.data.Offset.offset(0.011));
        }
      });
    });
  }

  private static List<Integer> with(List<Integer> items, int last) {
    List<Integer> out = new ArrayList<>(items);
    out.add(last);
    return out;
  }

  @Test
  void perPeerLoad_isSortedFromResultsJson_andConsistentWithItsSpread() {
    for (Run r : results.runs()) {
      for (String field : List.of("bytesUploaded", "messagesHandled")) {
        double[] load = r.perPeer(field);
        assertThat(load).as("%s load.perPeer.%s", r.topology(), field).hasSize(64);
        JsonNode spread = r.json().path("load").path(field);
        assertThat(Arrays.stream(load).max().orElseThrow()).isEqualTo(spread.path("max").asDouble());
        assertThat(Arrays.stream(load).average().orElseThrow()).isCloseTo(spread.path("mean").asDouble(),
            org.assertj.core.data.Offset.offset(1e-3));
        assertThat(Summaries.jain(load)).isCloseTo(spread.path("jain").asDouble(),
            org.assertj.core.data.Offset.offset(1e-4));
      }
    }
    assertSorted("load-bytes", "bytesUploaded", Plots.MIB);
    assertSorted("load-messages", "messagesHandled", 1);
  }

  private static void assertSorted(String id, String field, double divisor) {
    Map<String, List<Svg.Point>> points = Svg.points(Svg.chart(doc, id));
    List<Double> values = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (Run r : results.runs()) {
      double[] sorted = r.perPeer(field).clone();
      Arrays.sort(sorted);
      List<Svg.Point> line = points.get(r.topology());
      assertThat(line).as("%s %s", id, r.topology()).hasSize(sorted.length);
      for (int rank = 0; rank < sorted.length; rank++) {
        values.add(sorted[sorted.length - 1 - rank] / divisor);
        ys.add(line.get(rank).y());
      }
    }
    Svg.assertLinear(id, unbox(values), unbox(ys), 0.6);
  }

  @Test
  void lorenzCurves_followPerPeerLoad_withJainsIndexInTheLegend() {
    for (String field : List.of("bytesUploaded", "messagesHandled")) {
      String id = field.equals("bytesUploaded") ? "lorenz-bytes" : "lorenz-messages";
      Element svg = Svg.chart(doc, id);
      Map<String, List<Svg.Point>> points = Svg.points(svg);
      List<Double> shares = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (Run r : results.runs()) {
        String legend = r.topology() + " · Jain " + ComparisonTable.num(r.value("/load/" + field + "/jain"));
        assertThat(Svg.texts(svg)).contains(legend);
        double[] sorted = r.perPeer(field).clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(sorted).sum();
        List<Svg.Point> line = points.get(legend);
        assertThat(line).hasSize(sorted.length + 1);
        double cum = 0;
        for (int k = 0; k <= sorted.length; k++) {
          shares.add(cum / total);
          ys.add(line.get(k).y());
          cum += k < sorted.length ? sorted[k] : 0;
        }
      }
      Svg.assertLinear(id, unbox(shares), unbox(ys), 0.6);
    }
  }

  @Test
  void timeline_ofTheRun_drawsItsOpsPerSecond() {
    assertThat(doc.getElementById("timeline")).isNull();
    Element ops = Svg.chart(doc, "timeline-throughput");
    List<Double> values = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    Map<String, List<Svg.Point>> lines = Svg.points(ops);
    for (Run r : results.runs()) {
      JsonNode perSec = r.timeline().path("opsPerSec");
      List<Svg.Point> line = lines.get(r.topology());
      assertThat(line).as(r.topology()).hasSize(perSec.size());
      for (int i = 0; i < perSec.size(); i++) {
        values.add(perSec.get(i).asDouble());
        ys.add(line.get(i).y());
      }
    }
    Svg.assertLinear("ops/s over time", unbox(values), unbox(ys), 0.6);
    assertThat(Svg.texts(ops)).contains("MEASURE");
  }

  @Test
  void timeline_withoutData_saysNoTimelineRecorded(@TempDir Path dir) throws Exception {
    // As a results.json written before runs recorded a timeline.
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(run.dir().resolve("results.json").toFile());
    for (JsonNode r : root.withArray("runs")) {
      ((ObjectNode) r).remove("timeline");
    }
    Files.writeString(dir.resolve("results.json"), root.toString());
    Document d = Svg.parse(RunReport.html(Results.read(dir)));
    Element fig = d.getElementById("timeline");
    assertThat(fig).isNotNull();
    assertThat(fig.select("svg")).isEmpty();
    assertThat(fig.text()).contains("no timeline recorded");
  }

  @Test
  void timeline_withData_drawsEachSeriesAndMarksPhaseStarts(@TempDir Path dir) throws Exception {
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(run.dir().resolve("results.json").toFile());
    for (JsonNode r : root.withArray("runs")) {
      ObjectNode t = ((ObjectNode) r).putObject("timeline");
      t.put("intervalMs", 1000);
      t.putArray("tMs").add(1000).add(2000).add(3000).add(4000);
      t.putArray("opsPerSec").add(10).add(150).add(180).add(170);
      t.putArray("success").add(1.0).add(1.0).add(0.9).add(1.0);
      t.putArray("p50Ms").add(30).add(39).add(40).add(41);
      t.putArray("p99Ms").add(60).add(70).add(90).add(71);
      ArrayNode phases = t.putArray("phases");
      phases.addObject().put("phase", "WARMUP").put("startMs", 0);
      phases.addObject().put("phase", "MEASURE").put("startMs", 1500);
    }
    Files.writeString(dir.resolve("results.json"), root.toString());
    Document d = Svg.parse(RunReport.html(Results.read(dir)));
    assertThat(d.getElementById("timeline")).isNull();
    Element ops = Svg.chart(d, "timeline-throughput");
    assertThat(Svg.texts(ops)).contains("WARMUP", "MEASURE");
    Svg.assertLinear("ops/s over time", new double[] {10, 150, 180, 170, 10, 150, 180, 170},
        Svg.points(ops).values().stream().flatMap(List::stream).mapToDouble(Svg.Point::y).toArray(), 0.6);
    assertThat(Svg.points(Svg.chart(d, "timeline-latency")).keySet()).containsExactlyInAnyOrder(
        "client-server · p50", "client-server · p99", "central-index · p50", "central-index · p99");
    assertThat(Svg.points(Svg.chart(d, "timeline-success"))).hasSize(2);
    assertThat(d.getElementById("timeline-alive")).as("no alivePeers recorded, no plot").isNull();
    assertThat(d.getElementById("timeline-maintenance")).as("none recorded, no plot").isNull();
  }

  @Test
  void timeline_ofARunWithChurn_drawsThePeersUpAndTheMaintenanceTraffic(@TempDir Path dir)
      throws Exception {
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(run.dir().resolve("results.json").toFile());
    for (JsonNode r : root.withArray("runs")) {
      ObjectNode t = ((ObjectNode) r).putObject("timeline");
      t.put("intervalMs", 1000);
      t.putArray("tMs").add(1000).add(2000).add(3000);
      t.putArray("opsPerSec").add(10).add(12).add(11);
      t.putArray("alivePeers").add(64).add(32).add(40);
      t.putArray("maintenanceMessages").add(5).add(90).add(30);
      t.putArray("phases").addObject().put("phase", "MEASURE").put("startMs", 0);
    }
    Files.writeString(dir.resolve("results.json"), root.toString());
    Document d = Svg.parse(RunReport.html(Results.read(dir)));
    Svg.assertLinear("alive peers", new double[] {64, 32, 40, 64, 32, 40},
        Svg.points(Svg.chart(d, "timeline-alive")).values().stream().flatMap(List::stream)
            .mapToDouble(Svg.Point::y).toArray(), 0.6);
    Svg.assertLinear("maintenance", new double[] {5, 90, 30, 5, 90, 30},
        Svg.points(Svg.chart(d, "timeline-maintenance")).values().stream().flatMap(List::stream)
            .mapToDouble(Svg.Point::y).toArray(), 0.6);
  }

  @Test
  void aFileWithoutPerPeerLoadOrSuccessfulOps_stillMakesAReport_sayingWhatIsMissing(@TempDir Path dir)
      throws Exception {
    // As a results.json written before load.perPeer existed, of a run whose lookups all failed.
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(run.dir().resolve("results.json").toFile());
    for (JsonNode r : root.withArray("runs")) {
      ((ObjectNode) r.path("load")).remove("perPeer");
      ((ObjectNode) r.path("ops").path("lookup")).put("ok", 0);
      ((ObjectNode) r.path("ops").path("lookup")).remove("latencyMs");
    }
    Files.writeString(dir.resolve("results.json"), root.toString());
    Document d = Svg.parse(Svg.read(RunReport.write(dir)));
    assertThat(d.getElementById("latency-lookup").text()).contains("no successful lookup to plot");
    assertThat(Svg.points(Svg.chart(d, "latency-fetch"))).hasSize(2);
    for (String id : List.of("load-bytes", "load-messages", "lorenz-bytes", "lorenz-messages")) {
      assertThat(d.getElementById(id).select("svg")).isEmpty();
      assertThat(d.getElementById(id).text()).contains("no per-peer load in results.json");
    }
    Element lookupRow = d.select("table.comparison tbody tr").stream()
        .filter(tr -> tr.selectFirst("th").text().equals("lookup latency p50 / p99 ms")).findFirst().orElseThrow();
    assertThat(lookupRow.select("td").eachText()).containsExactly("\u2013", "\u2013");
  }

  @Test
  void clusterRuns_getAMemberTable_asTheCliPrintsAfterItsTable(@TempDir Path dir) throws Exception {
    assertThat(doc.select("table.members")).as("not a cluster run").isEmpty();
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(run.dir().resolve("results.json").toFile());
    ArrayNode members = ((ObjectNode) root.withArray("runs").get(0)).putArray("members");
    members.addObject().put("member", "127.0.0.1:25520").put("peers", 32).put("messagesSent", 1200)
        .put("bytesSent", 96000).put("messagesReceived", 1100).put("messagesLocal", 800).put("flowControlWaits", 3)
        .put("lost", false);
    members.addObject().put("member", "127.0.0.1:25521").put("peers", 32).put("messagesSent", 1100)
        .put("bytesSent", 88000).put("messagesReceived", 1200).put("messagesLocal", 750).put("flowControlWaits", 0)
        .put("lost", true);
    Files.writeString(dir.resolve("results.json"), root.toString());
    Document d = Svg.parse(RunReport.html(Results.read(dir)));
    assertThat(d.select("#section-comparison h3").eachText()).containsExactly(
        "Cluster members · client-server (measured phase)");
    assertThat(d.select("table.members tbody tr")).extracting(tr -> tr.select("td").eachText()).containsExactly(
        List.of("127.0.0.1:25520", "32", "1200", "96000", "1100", "800", "3", "ok"),
        List.of("127.0.0.1:25521", "32", "1100", "88000", "1200", "750", "0", "LOST"));
  }

  @Test
  void scenarioSection_listsTheKeysThatDifferFromReferenceConf() {
    List<List<String>> rows = new ArrayList<>();
    doc.select("#section-scenario table.keys tbody tr").forEach(tr -> rows.add(tr.select("td").eachText()));
    assertThat(rows).containsExactly(
        List.of("name", "quickstart", "unnamed"),
        List.of("network.latency", "{ max = 25ms, min = 5ms }", "10ms"),
        List.of("runtime", "sim", "local"));
  }

  @Test
  void report_isOneFile_thatLoadsNothingFromTheNetwork() {
    assertThat(Svg.networkReferences(doc)).isEmpty();
    assertThat(doc.select("figure.plot svg")).hasSize(15);
    assertThat(doc.select("figure.plot").eachAttr("data-title")).containsExactly(
        "Lookup latency by percentile", "Search latency by percentile", "Fetch latency by percentile",
        "Throughput", "Messages per op", "Mean hops per op", "Server share of upload",
        "Upload per peer, busiest first", "Messages handled per peer, busiest first",
        "Lorenz curve of upload", "Lorenz curve of messages handled", "Ops per second over time",
        "Success over time", "Latency p50 and p99 over time", "Maintenance messages over time");
  }

  @Test
  void report_isTheSameFile_forTheSameResults() {
    assertThat(RunReport.html(results)).isEqualTo(html);
  }

  @Test
  void aFileWithoutConfig_saysSo(@TempDir Path dir) throws Exception {
    ObjectNode root = (ObjectNode) new ObjectMapper().readTree(run.dir().resolve("results.json").toFile());
    root.remove("config");
    Files.writeString(dir.resolve("results.json"), root.toString());
    Document d = Svg.parse(RunReport.html(Results.read(dir)));
    assertThat(d.getElementById("section-scenario").text()).contains("results.json has no config section.");
  }

  @Test
  void aFolderWithoutResults_isBadInput(@TempDir Path dir) {
    assertThatThrownBy(() -> RunReport.write(dir))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("no results.json in");
  }

  static double[] unbox(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
