package io.peerlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerlab.report.Charts.Line;
import io.peerlab.report.Charts.Marker;
import io.peerlab.report.Charts.XAxis;
import io.peerlab.scenario.ComparisonTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * The plots of a report, for one results folder or for several side by side (a comparison: the
 * second folder's lines dashed, its bars beside the first's). docs/results.md says how to read each.
 */
final class Plots {
  private Plots() {}

  /** Points of a sorted-load line at most; larger runs are sampled evenly by rank. */
  static final int SORTED_POINTS = 200;
  /** Points of a Lorenz curve at most. */
  static final int LORENZ_POINTS = 101;

  static final String NO_TIMELINE = "no timeline recorded";

  static final double MIB = 1024 * 1024;

  static List<Plot> all(List<Results> sources) {
    Plots.Context c = new Plots.Context(sources);
    List<Plot> out = new ArrayList<>();
    for (String op : c.ops) {
      out.add(latency(c, op));
    }
    out.add(bars(c, "throughput", "Throughput", "ops/s", null, "/throughputOpsPerSec", 1, false));
    out.add(bars(c, "messages-per-op", "Messages per op", "messages per op", "/messages/mean", null, 1, false));
    out.add(bars(c, "hops", "Mean hops per op", "hops", "/hops/mean", null, 1, false));
    out.add(bars(c, "server-share", "Server share of upload", "share of uploaded wire bytes", null,
        "/load/serverShareOfUpload", 1, true));
    if (c.runs().stream().anyMatch(r -> r.value("/distributionTimeMs") != null)) {
      out.add(bars(c, "distribution-time", "Distribution time", "s", null, "/distributionTimeMs", 1000, false));
    }
    if (c.runs().stream().anyMatch(r -> r.value("/adversary/malicious") != null)) {
      // Runs with malicious peers (docs/adversary.md): what reached the users, and what it cost.
      out.add(bars(c, "attacked", "Ops answered by an adversary", "ops (attacked)", "/attacked", null, 1,
          false));
      out.add(bars(c, "wasted", "Bytes downloaded and thrown away", "MiB (wastedBytes)", null,
          "/adversary/wastedBytes", MIB, false));
    }
    out.add(sortedLoad(c, "bytesUploaded", MIB, "load-bytes", "Upload per peer, busiest first", "wire MiB uploaded"));
    out.add(sortedLoad(c, "messagesHandled", 1, "load-messages", "Messages handled per peer, busiest first",
        "messages handled"));
    out.add(lorenz(c, "bytesUploaded", "lorenz-bytes", "Lorenz curve of upload"));
    out.add(lorenz(c, "messagesHandled", "lorenz-messages", "Lorenz curve of messages handled"));
    out.addAll(timeline(c));
    return out;
  }

  /** The folders, every run with its name and colour (a topology's colour is the same everywhere). */
  private record Context(List<Results> sources, List<String> topologies, List<String> ops,
      Map<Run, Map<String, double[]>> sortedLoads) {
    Context(List<Results> sources) {
      this(sources, new ArrayList<>(), new ArrayList<>(), new IdentityHashMap<>());
      Set<String> t = new LinkedHashSet<>();
      Set<String> o = new LinkedHashSet<>();
      for (Results s : sources) {
        for (Run r : s.runs()) {
          t.add(r.topology());
          o.addAll(r.ops());
        }
      }
      topologies.addAll(t);
      ops.addAll(o);
    }

    /**
     * A run's per-peer {@code field} in ascending order, sorted once for both the busiest-first
     * and the Lorenz plot (10^5 peers: a sort each is most of those plots' time). Not changed.
     */
    double[] sorted(Run r, String field, double[] load) {
      return sortedLoads.computeIfAbsent(r, k -> new HashMap<>()).computeIfAbsent(field, f -> {
        double[] a = load.clone();
        Arrays.sort(a);
        return a;
      });
    }

    List<Run> runs() {
      return sources.stream().flatMap(s -> s.runs().stream()).toList();
    }

    int color(Run r) {
      return topologies.indexOf(r.topology());
    }
  }

  private static Plot latency(Context c, String op) {
    List<Line> lines = new ArrayList<>();
    String[] at = {"p50", "p90", "p99", "p999", "max"};
    for (int s = 0; s < c.sources.size(); s++) {
      Results src = c.sources.get(s);
      for (Run r : src.runs()) {
        Double ok = r.value("/ops/" + op + "/ok");
        double[] y = new double[at.length];
        for (int i = 0; i < at.length; i++) {
          Double v = r.value("/ops/" + op + "/latencyMs/" + at[i]);
          y[i] = v == null ? Double.NaN : v;
        }
        if (ok != null && ok > 0 && Arrays.stream(y).noneMatch(Double::isNaN)) {
          lines.add(new Line(src.name(r), c.color(r), s > 0, Charts.NinesAxis.AT.clone(), y));
        }
      }
    }
    String id = "latency-" + op;
    String title = capitalized(op) + " latency by percentile";
    if (lines.isEmpty()) {
      return new Plot(id, title, null, "no successful " + op + " to plot");
    }
    return new Plot(id, title,
        Charts.svg(Charts.lines(title, XAxis.NINES, "percentile", "latency ms", false, lines, List.of()), id),
        "x: percentile on HdrHistogram's log scale of 1/(1-p); y: latency of the successful " + op
            + " ops, ms. Lower and flatter is better; a tail rises on the right.");
  }

  /**
   * A bar chart of one figure per run, or per run and op when {@code opField} is given (then
   * read at /ops/&lt;op&gt;&lt;opField&gt;). One folder: a group per topology, a bar per op. Several:
   * a group per topology (and op), a bar per folder.
   */
  private static Plot bars(
      Context c, String id, String title, String axis, String opField, String runField, double divisor,
      boolean percent) {
    List<String> keys = opField == null ? List.of("") : c.ops;
    boolean several = c.sources.size() > 1;
    List<String> series = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    if (several) {
      c.sources.forEach(s -> series.add(s.label()));
      for (String t : c.topologies) {
        keys.forEach(k -> categories.add(k.isEmpty() ? t : t + " · " + k));
      }
    } else {
      keys.forEach(k -> series.add(k.isEmpty() ? title : k));
      categories.addAll(c.topologies);
    }
    double[][] values = new double[series.size()][categories.size()];
    Arrays.stream(values).forEach(row -> Arrays.fill(row, Double.NaN));
    for (int s = 0; s < c.sources.size(); s++) {
      for (Run r : c.sources.get(s).runs()) {
        for (int k = 0; k < keys.size(); k++) {
          String key = keys.get(k);
          Double v = r.value(opField == null ? runField : "/ops/" + key + opField);
          if (v == null) {
            continue;
          }
          int t = c.topologies.indexOf(r.topology());
          int row = several ? s : k;
          int col = several ? t * keys.size() + k : t;
          values[row][col] = v / divisor;
        }
      }
    }
    DoubleFunction<String> format = percent ? v -> ComparisonTable.pct(v) : ComparisonTable::num;
    return new Plot(id, title,
        Charts.svg(Charts.bars(title, axis, series, categories, values, format, percent,
            c.topologies.stream().mapToInt(c.topologies::indexOf).toArray()), id),
        "One bar per " + (several ? "results folder" : opField == null ? "topology" : "topology and op")
            + "; the label above a bar is its value.");
  }

  private static Plot sortedLoad(Context c, String field, double divisor, String id, String title, String axis) {
    List<Line> lines = new ArrayList<>();
    forPerPeer(c, field, (src, s, r, load) -> {
      double[] sorted = c.sorted(r, field, load);
      int[] at = sample(sorted.length, SORTED_POINTS);
      double[] x = new double[at.length];
      double[] y = new double[at.length];
      for (int i = 0; i < at.length; i++) {
        x[i] = at[i] + 1;
        y[i] = sorted[sorted.length - 1 - at[i]] / divisor;
      }
      lines.add(new Line(src.name(r), c.color(r), s > 0, x, y));
    });
    if (lines.isEmpty()) {
      return new Plot(id, title, null, noPerPeer());
    }
    return new Plot(id, title,
        Charts.svg(Charts.lines(title, XAxis.LINEAR, "peer rank (1 = busiest)", axis, false, lines, List.of()), id),
        "Every peer's load, sorted from the busiest down: a spike at rank 1 is a server carrying the run.");
  }

  private static Plot lorenz(Context c, String field, String id, String title) {
    List<Line> lines = new ArrayList<>();
    forPerPeer(c, field, (src, s, r, load) -> {
      double[] sorted = c.sorted(r, field, load);
      double[] cum = new double[sorted.length + 1];
      for (int i = 0; i < sorted.length; i++) {
        cum[i + 1] = cum[i] + sorted[i];
      }
      double total = cum[sorted.length];
      int n = sorted.length;
      int[] at = sample(n + 1, LORENZ_POINTS);
      double[] x = new double[at.length];
      double[] y = new double[at.length];
      for (int i = 0; i < at.length; i++) {
        x[i] = (double) at[i] / n;
        // No load at all is an even spread (Jain's index is 1 then, too).
        y[i] = total == 0 ? x[i] : cum[at[i]] / total;
      }
      Double jain = r.value("/load/" + field + "/jain");
      String name = src.name(r) + " · Jain " + (jain == null ? "-" : ComparisonTable.num(jain));
      lines.add(new Line(name, c.color(r), s > 0, x, y));
    });
    if (lines.isEmpty()) {
      return new Plot(id, title, null, noPerPeer());
    }
    return new Plot(id, title,
        Charts.svg(Charts.lines(title, XAxis.PERCENT, "share of peers, least loaded first", "share of the load", true,
            lines, List.of()), id),
        "The dashed diagonal is a perfectly even spread; the further a curve sags below it, the more a few "
            + "peers carry. Jain's index in the legend: 1 even, 1/n one peer carries all.");
  }

  private interface PerPeerLine {
    void add(Results src, int sourceIndex, Run run, double[] load);
  }

  private static void forPerPeer(Context c, String field, PerPeerLine f) {
    for (int s = 0; s < c.sources.size(); s++) {
      Results src = c.sources.get(s);
      for (Run r : src.runs()) {
        double[] load = r.perPeer(field);
        if (load != null && load.length > 0) {
          f.add(src, s, r, load);
        }
      }
    }
  }

  private static String noPerPeer() {
    return "no per-peer load in results.json (load.perPeer; files written before it existed have none)";
  }

  /**
   * The timeline plots from each run's optional {@code timeline} section (docs/results.md,
   * "Timeline"): ops/s, success and p50/p99 over time, alive peers when recorded, phase starts
   * marked. One placeholder when no run has one.
   */
  private static List<Plot> timeline(Context c) {
    String[][] figures = {
      {"timeline-throughput", "Ops per second over time", "opsPerSec", "ops/s"},
      {"timeline-success", "Success over time", "success", "share of ops that succeeded"},
      {"timeline-latency", "Latency p50 and p99 over time", "p50Ms,p99Ms", "latency ms"},
      {"timeline-alive", "Alive peers over time", "alivePeers", "peers"},
      {"timeline-maintenance", "Maintenance messages over time", "maintenanceMessages",
        "messages sent for no op, per interval"},
    };
    List<Plot> out = new ArrayList<>();
    for (String[] f : figures) {
      List<Line> lines = new ArrayList<>();
      List<Marker> markers = new ArrayList<>();
      for (int s = 0; s < c.sources.size(); s++) {
        Results src = c.sources.get(s);
        for (Run r : src.runs()) {
          JsonNode t = r.timeline();
          if (t == null) {
            continue;
          }
          for (String column : f[2].split(",")) {
            if (t.path(column).isArray()) {
              String name = src.name(r) + (f[2].contains(",") ? " · " + column.replace("Ms", "") : "");
              lines.add(new Line(name, c.color(r), s > 0 || column.equals("p50Ms") && f[2].contains(","),
                  doubles(t.path("tMs")), doubles(t.path(column))));
            }
          }
          if (!lines.isEmpty()) {
            t.path("phases").forEach(p -> markers.add(
                new Marker(p.path("startMs").asDouble(), p.path("phase").asText(), c.color(r))));
          }
        }
      }
      if (!lines.isEmpty()) {
        out.add(new Plot(f[0], f[1],
            Charts.svg(Charts.lines(f[1], XAxis.LINEAR, "time since the run started, ms", f[3],
                f[2].equals("success"), lines, markers), f[0]),
            "Dashed verticals mark where each phase began."));
      }
    }
    if (out.isEmpty()) {
      out.add(new Plot("timeline", "Over time", null,
          NO_TIMELINE + ": this results.json has no timeline section (ops/s, success and latency per interval)."));
    }
    return out;
  }

  /** The numbers of a JSON array; a null (an interval with nothing to measure) is NaN, a gap. */
  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
    }
    return out;
  }

  /** At most {@code max} indexes out of 0 .. n-1, evenly spaced, first and last included. */
  static int[] sample(int n, int max) {
    if (n <= max) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] out = new int[max];
    for (int i = 0; i < max; i++) {
      out[i] = (int) Math.round((double) i * (n - 1) / (max - 1));
    }
    return out;
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
