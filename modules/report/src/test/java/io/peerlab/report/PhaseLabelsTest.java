package io.peerlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.report.Charts.Line;
import io.peerlab.report.Charts.Marker;
import io.peerlab.report.Charts.XAxis;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The phase markers of a timeline: two topologies each start JOIN and PUBLISH at 0, WARMUP about a
 * second later and MEASURE a moment after that. Their labels used to be drawn over each other
 * ("WARMUPMEASURE" in a dark smudge). Now each phase is named once and no two labels overlap.
 */
class PhaseLabelsTest {
  private static final String[] PHASES = {"JOIN", "PUBLISH", "WARMUP", "MEASURE"};

  @Test
  void eachPhaseIsNamedOnce_andNoTwoLabelsOverlap() {
    double[] t = new double[16];
    double[] y = new double[16];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 1000.0;
      y[i] = 100 + i;
    }
    List<Line> lines = List.of(new Line("client-server", 0, false, t, y), new Line("chord", 1, false, t, y));
    List<Marker> markers = new ArrayList<>();
    double[][] starts = {{0, 0, 1000, 1100}, {0, 0, 1050, 1900}};
    for (int run = 0; run < 2; run++) {
      for (int p = 0; p < PHASES.length; p++) {
        markers.add(new Marker(starts[run][p], PHASES[p], run));
      }
    }
    String svg = Charts.svg(Charts.lines("Ops per second over time", XAxis.LINEAR, "time, ms", "ops/s", false,
        lines, markers), "phases");
    Element root = org.jsoup.Jsoup.parse(svg, "", org.jsoup.parser.Parser.xmlParser()).selectFirst("svg");

    List<Element> labels = new ArrayList<>();
    for (Element text : root.select("text")) {
      if (List.of(PHASES).contains(text.text())) {
        labels.add(text);
      }
    }
    assertThat(labels).extracting(Element::text).containsExactlyInAnyOrder(PHASES);
    // Every marker is still drawn: 8 verticals in the markers' dash (the grid's is 2,2), one per run
    // and phase, in its run's colour.
    List<Element> verticals = root.select("line[style*=stroke-dasharray:6.0,4.0]");
    assertThat(verticals).hasSize(8)
        .allSatisfy(l -> assertThat(l.attr("x1")).isEqualTo(l.attr("x2")));
    assertThat(verticals.stream().filter(l -> l.attr("style").contains("stroke:rgb(0,114,178)"))).hasSize(4);
    for (int i = 0; i < labels.size(); i++) {
      for (int j = i + 1; j < labels.size(); j++) {
        double[] a = box(labels.get(i));
        double[] b = box(labels.get(j));
        boolean apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
        assertThat(apart).as("%s at %s and %s at %s overlap", labels.get(i).text(), java.util.Arrays.toString(a),
            labels.get(j).text(), java.util.Arrays.toString(b)).isTrue();
      }
    }
  }

  /** {left, top, right, bottom} of a 12 px label, its width at most 7.5 px a character. */
  private static double[] box(Element text) {
    double x = Double.parseDouble(text.attr("x"));
    double baseline = Double.parseDouble(text.attr("y"));
    return new double[] {x, baseline - 12, x + 7.5 * text.text().length(), baseline + 2};
  }
}
