package io.peerlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A bar's value label must stay readable when bars are many and narrow: seven topologies by three
 * ops used to print "0.000.000.00" where three labels ran together. Labels there read upwards.
 */
class BarLabelsTest {
  private static final List<String> TOPOLOGIES = List.of(
      "client-server", "central-index", "super-peer", "flooding", "random-walk", "chord", "kademlia");

  @Test
  void manyNarrowBars_getUprightLabels_fewWideBarsKeepThemLevel() {
    Element grouped = render(List.of("lookup", "search", "fetch"), TOPOLOGIES);
    Element single = render(List.of("lookup"), TOPOLOGIES);

    List<Element> upright = labels(grouped);
    assertThat(upright).as("a label per bar").hasSize(3 * TOPOLOGIES.size());
    assertThat(upright).allSatisfy(t -> assertThat(rotation(t)).as(t.outerHtml()).isEqualTo(-90.0));

    List<Element> level = labels(single);
    assertThat(level).hasSize(TOPOLOGIES.size());
    assertThat(level).allSatisfy(t -> assertThat(rotation(t)).as(t.outerHtml()).isEqualTo(0.0));
  }

  private static Element render(List<String> series, List<String> categories) {
    double[][] values = new double[series.size()][categories.size()];
    for (int s = 0; s < series.size(); s++) {
      for (int c = 0; c < categories.size(); c++) {
        values[s][c] = c == 0 ? 0 : 100 + 10 * s + c; // a zero bar too: its label sits on the axis
      }
    }
    String svg = Charts.svg(Charts.bars("t", "y", series, categories, values,
        v -> String.format(java.util.Locale.ROOT, "%.2f", v), false, null), "bars");
    return org.jsoup.Jsoup.parse(svg, "", org.jsoup.parser.Parser.xmlParser()).selectFirst("svg");
  }

  /** The value labels: texts that parse as numbers with two decimals (tick labels have none or one). */
  private static List<Element> labels(Element svg) {
    return svg.select("text").stream().filter(t -> t.text().matches("\\d+\\.\\d\\d")).toList();
  }

  /** The rotation in degrees applied to a text, from its own or an enclosing transform. */
  private static double rotation(Element text) {
    for (Element e = text; e != null; e = e.parent()) {
      String tr = e.attr("transform");
      java.util.regex.Matcher m = java.util.regex.Pattern
          .compile("matrix\\(([-\\d.eE]+),([-\\d.eE]+),").matcher(tr.replace(" ", ""));
      if (m.find()) {
        double a = Double.parseDouble(m.group(1));
        double b = Double.parseDouble(m.group(2));
        double deg = Math.toDegrees(Math.atan2(b, a));
        if (Math.abs(deg) > 1e-6) {
          return Math.round(deg);
        }
      }
      java.util.regex.Matcher r = java.util.regex.Pattern.compile("rotate\\(([-\\d.eE]+)").matcher(tr);
      if (r.find()) {
        return Math.round(Double.parseDouble(r.group(1)));
      }
    }
    return 0.0;
  }
}
