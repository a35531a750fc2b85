package io.peerlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peerlab.scenario.ComparisonTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The quickstart (A) against the quickstart with 48 clients (B), both run for real on sim. */
class CompareReportTest {
  static Results a;
  static Results b;
  static Document doc;

  @BeforeAll
  static void compare() {
    a = Results.read(Quickstart.base().dir());
    b = Results.read(Quickstart.moreClients().dir());
    Path file = CompareReport.write(a, b, Path.of("target", "report-tests", "compare.html"));
    doc = Svg.parse(Svg.read(file));
  }

  @Test
  void change_isRelativeToA() {
    assertThat(CompareReport.change(200.0, 250.0)).isEqualTo("+25.0%");
    assertThat(CompareReport.change(4.0, 3.0)).isEqualTo("-25.0%");
    assertThat(CompareReport.change(7.0, 7.0)).isEqualTo("±0%");
    assertThat(CompareReport.change(0.0, 3.0)).isEqualTo("n/a");
    assertThat(CompareReport.change(null, 3.0)).isEqualTo("\u2013");
  }

  @Test
  void terminalTable_showsEachFigureInAAndB_withBsChange() {
    String text = CompareReport.text(a, b);
    assertThat(text).startsWith("A: " + a.dir() + " · quickstart · runtime sim · 64 peers · seed 42");
    Run csA = a.runs().get(0);
    Run csB = b.runs().get(0);
    double ta = csA.value("/throughputOpsPerSec");
    double tb = csB.value("/throughputOpsPerSec");
    String change = String.format(Locale.ROOT, "%+.1f%%", (tb - ta) / ta * 100);
    String row = text.lines().filter(l -> l.startsWith("throughput ops/s")).findFirst().orElseThrow();
    List<String> cells = Arrays.asList(row.split(" {3,}"));
    assertThat(cells.subList(1, 4)).containsExactly(ComparisonTable.num(ta), ComparisonTable.num(tb), change);
    for (Figure f : Figure.comparison(a.runs())) {
      assertThat(text).contains(f.label());
    }
  }

  @Test
  void htmlTable_holdsAandBandTheChange_perTopology() {
    Element tr = doc.select("table.compare tbody tr").stream()
        .filter(r -> r.selectFirst("th").text().equals("fetch latency p50 / p99 ms")).findFirst().orElseThrow();
    List<String> cells = tr.select("td").eachText();
    Figure fetch = Figure.comparison(a.runs()).stream()
        .filter(f -> f.label().equals("fetch latency p50 / p99 ms")).findFirst().orElseThrow();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Run ra = a.runs().get(i);
      Run rb = b.runs().get(i);
      expected.addAll(List.of(fetch.cell(ra), fetch.cell(rb), CompareReport.change(fetch, ra, rb)));
    }
    assertThat(cells).containsExactlyElementsOf(expected);
  }

  @Test
  void plots_drawBothFolders_BesideEachOther() {
    Element latency = Svg.chart(doc, "latency-fetch");
    assertThat(Svg.points(latency).keySet()).containsExactlyInAnyOrder(
        "client-server · A", "central-index · A", "client-server · B", "central-index · B");
    List<Double> values = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (Results r : List.of(a.labelled("A"), b.labelled("B"))) {
      for (Run run : r.runs()) {
        List<Svg.Point> line = Svg.points(latency).get(r.name(run));
        values.add(run.value("/ops/fetch/latencyMs/p50"));
        ys.add(line.get(0).y());
        values.add(run.value("/ops/fetch/latencyMs/p99"));
        ys.add(line.get(2).y());
      }
    }
    Svg.assertLinear("fetch latency, A and B", RunReportTest.unbox(values), RunReportTest.unbox(ys), 0.6);

    Map<String, Map<String, Double>> bars = Svg.bars(Svg.chart(doc, "throughput"));
    assertThat(bars.keySet()).containsExactly("A", "B");
    double scale = bars.get("A").get("client-server") / a.runs().get(0).value("/throughputOpsPerSec");
    for (int i = 0; i < 2; i++) {
      Run rb = b.runs().get(i);
      assertThat(bars.get("B").get(rb.topology())).isCloseTo(rb.value("/throughputOpsPerSec") * scale, within(0.6));
    }

    List<String> legend = Svg.texts(Svg.chart(doc, "lorenz-bytes"));
    for (Results r : List.of(a.labelled("A"), b.labelled("B"))) {
      for (Run run : r.runs()) {
        assertThat(legend).contains(r.name(run) + " · Jain " + ComparisonTable.num(run.value("/load/bytesUploaded/jain")));
      }
    }
    assertThat(doc.select("figure.plot svg")).hasSize(15);
    // Both folders' timelines on one plot: A solid, B dashed.
    assertThat(Svg.points(Svg.chart(doc, "timeline-throughput")).keySet())
        .contains("client-server · A", "client-server · B");
  }

  @Test
  void scenarioSection_listsTheKeysThatDifferBetweenAandB() {
    List<List<String>> rows = new ArrayList<>();
    doc.select("#section-scenario table.keys tbody tr").forEach(tr -> rows.add(tr.select("td").eachText()));
    assertThat(rows).containsExactly(List.of("workload.clients", "32", "48"));
  }

  @Test
  void comparison_loadsNothingFromTheNetwork() {
    assertThat(Svg.networkReferences(doc)).isEmpty();
  }
}
