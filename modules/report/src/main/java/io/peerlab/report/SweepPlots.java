package io.peerlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerlab.report.Charts.Line;
import io.peerlab.report.Charts.XAxis;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plots of a sweep (docs/results.md, "Sweeps"): each figure against the swept key on the x
 * axis, one line per topology and per value of any other swept key, beside the textbook curve where
 * there is one — the Kurose–Ross bounds D_cs and D_p2p (from each run's {@code bounds}) for
 * distribution time, ½·log2 N and log2 N for the hops of a lookup when the swept key is {@code peers}.
 */
final class SweepPlots {
  private SweepPlots() {}

  /** The sweep's plots, or none when no run of {@code r} carries a sweep point. */
  static List<Plot> of(Results r) {
    String x = xKey(r);
    if (x == null) {
      return List.of();
    }
    List<Plot> out = new ArrayList<>();
    List<String> topologies = new ArrayList<>();
    r.runs().forEach(run -> {
      if (!topologies.contains(run.topology())) {
        topologies.add(run.topology());
      }
    });
    if (r.runs().stream().anyMatch(run -> run.value("/distributionTimeMs") != null)) {
      List<Line> lines = lines(r, x, topologies, run -> run.value("/distributionTimeMs"), 1000);
      int ref = topologies.size();
      lines.add(reference(r, x, "D_cs (Kurose–Ross bound)", ref, run -> run.value("/bounds/dcsMs"), 1000));
      lines.add(reference(r, x, "D_p2p (Kurose–Ross bound)", ref + 1, run -> run.value("/bounds/dp2pMs"), 1000));
      out.add(plot("sweep-distribution", "Distribution time against " + x, x, "s", lines,
          "Each topology's time until every downloader had the file, beside the minimum distribution"
              + " times D_cs (client-server) and D_p2p (peer-to-peer) for the same F, u_s, u and d."));
    }
    if (r.runs().stream().anyMatch(run -> run.value("/ops/lookup/hops/mean") != null)) {
      List<Line> lines = lines(r, x, topologies, run -> run.value("/ops/lookup/hops/mean"), 1);
      String note = "Mean hops of a lookup against " + x + ".";
      if (x.equals("peers")) {
        int ref = topologies.size();
        lines.add(reference(r, x, "½·log2 N (Chord)", ref, run -> 0.5 * log2(run.peers()), 1));
        lines.add(reference(r, x, "log2 N (Kademlia's bound)", ref + 1, run -> log2(run.peers()), 1));
        note += " Chord's mean path is about ½·log2 N (Stoica et al. §6), Kademlia's at most about log2 N.";
      }
      out.add(plot("sweep-hops", "Lookup hops against " + x, x, "hops", lines, note));
    }
    for (String op : List.of("search", "lookup", "fetch")) {
      if (r.runs().stream().anyMatch(run -> run.value("/ops/" + op + "/messages/mean") != null)) {
        out.add(plot("sweep-messages-" + op, "Messages per " + op + " against " + x, x, "messages per op",
            lines(r, x, topologies, run -> run.value("/ops/" + op + "/messages/mean"), 1),
            "Messages sent per " + op + ", every hop and reply counted (docs/results.md)."));
      }
    }
    out.add(plot("sweep-throughput", "Throughput against " + x, x, "ops/s",
        lines(r, x, topologies, run -> run.value("/throughputOpsPerSec"), 1),
        "Measured ops per second of each run."));
    return out;
  }

  private interface Figure {
    Double of(Run run);
  }

  /** The swept key to put on the x axis: the last one whose values are all numbers. */
  static String xKey(Results r) {
    String found = null;
    for (JsonNode axis : r.root().path("sweep").path("axes")) {
      boolean numeric = axis.path("values").size() > 0;
      for (JsonNode v : axis.path("values")) {
        numeric &= v.isNumber();
      }
      if (numeric) {
        found = axis.path("key").asText();
      }
    }
    return found;
  }

  /** One line per topology and per value of the other swept keys, sorted by x. */
  private static List<Line> lines(Results r, String x, List<String> topologies, Figure f, double divisor) {
    Map<String, TreeMap<Double, Double>> byLine = new LinkedHashMap<>();
    Map<String, Integer> colors = new LinkedHashMap<>();
    for (Run run : r.runs()) {
      JsonNode point = run.json().path("sweep");
      Double v = f.of(run);
      if (!point.path(x).isNumber() || v == null) {
        continue;
      }
      StringBuilder name = new StringBuilder(run.topology());
      for (Iterator<Map.Entry<String, JsonNode>> it = point.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals(x) && !isTied(r, x, e.getKey())) {
          name.append(" · ").append(e.getKey()).append('=').append(e.getValue().asText());
        }
      }
      byLine.computeIfAbsent(name.toString(), k -> new TreeMap<>()).put(point.path(x).asDouble(), v / divisor);
      colors.putIfAbsent(name.toString(), topologies.indexOf(run.topology()));
    }
    List<Line> out = new ArrayList<>();
    for (Map.Entry<String, TreeMap<Double, Double>> e : byLine.entrySet()) {
      // Lines of one topology that differ in another swept key: solid, then dashed.
      boolean dashed = out.stream().anyMatch(l -> l.color() == colors.get(e.getKey()));
      out.add(new Line(e.getKey(), colors.get(e.getKey()), dashed, xs(e.getValue()), ys(e.getValue())));
    }
    return out;
  }

  /** A reference curve: one value per x, from any run at that point. */
  private static Line reference(Results r, String x, String name, int color, Figure f, double divisor) {
    TreeMap<Double, Double> points = new TreeMap<>();
    for (Run run : r.runs()) {
      Double v = f.of(run);
      if (run.json().path("sweep").path(x).isNumber() && v != null) {
        points.putIfAbsent(run.json().path("sweep").path(x).asDouble(), v / divisor);
      }
    }
    return new Line(name, color, true, xs(points), ys(points));
  }

  /** True when {@code key} moves with {@code x} ({@code with} in the sweep): not a line of its own. */
  private static boolean isTied(Results r, String x, String key) {
    for (JsonNode axis : r.root().path("sweep").path("axes")) {
      if (axis.path("key").asText().equals(x) && axis.path("with").has(key)) {
        return true;
      }
    }
    return false;
  }

  private static Plot plot(String id, String title, String x, String y, List<Line> lines, String note) {
    return new Plot(id, title,
        Charts.svg(Charts.lines(title, XAxis.LINEAR, x, y, false, lines, List.of()), id), note);
  }

  private static double[] xs(TreeMap<Double, Double> m) {
    return m.keySet().stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] ys(TreeMap<Double, Double> m) {
    return m.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double log2(double n) {
    return Math.log(n) / Math.log(2);
  }
}
