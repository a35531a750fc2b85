package io.peerlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads values back out of a report's charts. Every bar, every line and every point marker sits in
 * a group whose {@code jfreesvg:ref} names its series (and item) (Charts turns JFreeChart's element
 * hinting on): a line's points are its path's vertices, a marker's position the centre of its
 * path, a bar's value its height.
 */
final class Svg {
  private Svg() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  /** A plotted point: series, item index, and its centre in SVG pixels (y grows downwards). */
  record Point(String series, int item, double x, double y) {}

  static Document parse(String html) {
    return Jsoup.parse(html);
  }

  /** The {@code <svg>} of the figure with this id. */
  static Element chart(Document doc, String figureId) {
    Element fig = doc.getElementById(figureId);
    assertThat(fig).as("figure #%s", figureId).isNotNull();
    Element svg = fig.selectFirst("svg");
    assertThat(svg).as("svg of #%s", figureId).isNotNull();
    return svg;
  }

  /**
   * Series name to its points, in order: the vertices of the series' line (a gap, an interval with
   * no value, has no vertex).
   */
  static Map<String, List<Point>> points(Element svg) {
    Map<String, List<Point>> out = new LinkedHashMap<>();
    for (Element g : svg.getElementsByAttribute("jfreesvg:ref")) {
      JsonNode ref = ref(g);
      if (!ref.path("line").asBoolean()) {
        continue;
      }
      String series = ref.get("seriesKey").asText();
      Element path = g.selectFirst("path");
      assertThat(path).as("line of %s", series).isNotNull();
      assertThat(path.attr("d")).as("line of %s", series).matches("M[-\\d.,ML ]*");
      List<Double> xy = numbers(path.attr("d"));
      List<Point> line = new ArrayList<>();
      for (int i = 0; i + 1 < xy.size(); i += 2) {
        line.add(new Point(series, i / 2, xy.get(i), xy.get(i + 1)));
      }
      assertThat(out.put(series, line)).as("one line per series: %s", series).isNull();
    }
    return out;
  }

  /** Series name to its point markers (item index: the point's index in its line), in item order. */
  static Map<String, List<Point>> markers(Element svg) {
    Map<String, List<Point>> out = new LinkedHashMap<>();
    for (Element g : svg.getElementsByAttribute("jfreesvg:ref")) {
      JsonNode ref = ref(g);
      if (!ref.has("itemIndex") || !ref.has("seriesKey")) {
        continue;
      }
      Element path = g.selectFirst("path");
      assertThat(path).as("marker of %s", ref).isNotNull();
      double[] box = bounds(path.attr("d"));
      out.computeIfAbsent(ref.get("seriesKey").asText(), k -> new ArrayList<>())
          .add(new Point(ref.get("seriesKey").asText(), ref.get("itemIndex").asInt(),
              (box[0] + box[2]) / 2, (box[1] + box[3]) / 2));
    }
    out.values().forEach(line -> line.sort(java.util.Comparator.comparingInt(Point::item)));
    return out;
  }

  /** Bar heights in pixels: series (row) to category (column) to height. */
  static Map<String, Map<String, Double>> bars(Element svg) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (Element g : svg.getElementsByAttribute("jfreesvg:ref")) {
      JsonNode ref = ref(g);
      if (!ref.has("rowKey")) {
        continue;
      }
      Element rect = g.selectFirst("rect");
      out.computeIfAbsent(ref.get("rowKey").asText(), k -> new LinkedHashMap<>())
          .put(ref.get("columnKey").asText(), rect == null ? 0.0 : Double.parseDouble(rect.attr("height")));
    }
    return out;
  }

  /** Every text drawn in the chart (title, tick labels, legend, bar labels), in order. */
  static List<String> texts(Element svg) {
    return svg.select("text").eachText();
  }

  /**
   * Asserts that pixels are one linear function of values (an axis maps values to pixels linearly):
   * the least-squares line through them misses none by more than {@code tolerancePx}.
   */
  static void assertLinear(String what, double[] values, double[] pixels, double tolerancePx) {
    assertThat(values).as(what).hasSameSizeAs(pixels).hasSizeGreaterThan(2);
    int n = values.length;
    double mv = 0;
    double mp = 0;
    for (int i = 0; i < n; i++) {
      mv += values[i] / n;
      mp += pixels[i] / n;
    }
    double cov = 0;
    double var = 0;
    for (int i = 0; i < n; i++) {
      cov += (values[i] - mv) * (pixels[i] - mp);
      var += (values[i] - mv) * (values[i] - mv);
    }
    assertThat(var).as("%s: values must differ", what).isPositive();
    double slope = cov / var;
    for (int i = 0; i < n; i++) {
      double fitted = mp + slope * (values[i] - mv);
      assertThat(Math.abs(fitted - pixels[i]))
          .as("%s: point %d (value %s) is at %s px, the axis puts it at %s", what, i, values[i], pixels[i], fitted)
          .isLessThanOrEqualTo(tolerancePx);
    }
  }

  private static JsonNode ref(Element g) {
    try {
      return JSON.readTree(g.attr("jfreesvg:ref"));
    } catch (IOException e) {
      return JSON.createObjectNode(); // JFreeChart's own top-level marker, not JSON
    }
  }

  /** {minX, minY, maxX, maxY} of a path's coordinates. */
  private static double[] bounds(String d) {
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    List<Double> xs = numbers(d);
    for (int i = 0; i + 1 < xs.size(); i += 2) {
      box[0] = Math.min(box[0], xs.get(i));
      box[1] = Math.min(box[1], xs.get(i + 1));
      box[2] = Math.max(box[2], xs.get(i));
      box[3] = Math.max(box[3], xs.get(i + 1));
    }
    return box;
  }

  /** The numbers of a path's data, in order. */
  private static List<Double> numbers(String d) {
    Matcher m = NUMBER.matcher(d);
    List<Double> xs = new ArrayList<>();
    while (m.find()) {
      xs.add(Double.parseDouble(m.group()));
    }
    return xs;
  }

  /** Element attributes that make a browser load something, and their values. */
  static List<String> networkReferences(Document doc) {
    List<String> out = new ArrayList<>();
    for (Element e : doc.getAllElements()) {
      for (String attr : List.of("src", "href", "xlink:href", "action", "poster", "data", "srcset")) {
        String v = e.attr(attr).trim().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("http:") || v.startsWith("https:") || v.startsWith("//")) {
          out.add(e.tagName() + " " + attr + "=" + v);
        }
      }
    }
    for (Element style : doc.select("style")) {
      if (style.data().contains("url(") || style.data().contains("@import")) {
        out.add("style: " + style.data());
      }
    }
    doc.select("script, link[rel=stylesheet], iframe, object, embed").forEach(e -> out.add(e.outerHtml()));
    return out;
  }

  static String read(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
