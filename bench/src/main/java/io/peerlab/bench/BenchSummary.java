package io.peerlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results ({@code -rf json}) into a markdown table with each figure's ratio to
 * its baselines (named by {@link Baseline} on the benchmark method). Run it as {@code ./peerlab
 * bench summary results.json} or {@code java -cp bench/target/benchmarks.jar
 * io.peerlab.bench.BenchSummary results.json}.
 *
 * <p>Ratio = figure / baseline, in the same unit: for latency lower is better, for throughput
 * higher is better. A baseline is matched by benchmark name and mode, preferring the run with the
 * same thread count and the same values of the parameters both share. Secondary metrics (JMH aux
 * counters such as {@code events} or {@code bytes}) get their own row and are compared with the
 * baseline's metric of the same name.
 */
public final class BenchSummary {
  private BenchSummary() {}

  /** One figure: a benchmark's primary metric or one of its secondary metrics. */
  record Row(
      String benchmark,
      String metric,
      String mode,
      int threads,
      Map<String, String> params,
      double score,
      double error,
      String unit,
      Map<String, Double> percentiles,
      Map<String, Row> secondaries) {

    String simpleName() {
      String[] parts = benchmark.split("\\.");
      String n = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
      return metric == null ? n : n + ":" + metric;
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Prints the table of the JMH JSON files {@code args} to {@code out}; 0, or 2 on bad input. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: BenchSummary RESULTS.json [MORE.json ...]  (JMH's -rf json output)");
      return 2;
    }
    List<Row> rows = new ArrayList<>();
    String jvm = null;
    for (String a : args) {
      try {
        JsonNode root = new ObjectMapper().readTree(Files.readString(Path.of(a)));
        rows.addAll(parse(root));
        if (jvm == null && root.size() > 0) {
          jvm = describeJvm(root.get(0));
        }
      } catch (IOException | IllegalArgumentException e) {
        err.println("peerlab: cannot read JMH results '" + a + "': " + e.getMessage());
        return 2;
      }
    }
    if (rows.isEmpty()) {
      err.println("peerlab: no benchmark results in " + String.join(", ", args));
      return 2;
    }
    render(rows, String.join(", ", args), jvm, out);
    return 0;
  }

  static String describeJvm(JsonNode first) {
    return "JDK " + first.path("jdkVersion").asText("?") + " (" + first.path("vmName").asText("?")
        + "), JMH " + first.path("jmhVersion").asText("?");
  }

  /** Reads JMH's JSON array of results. */
  static List<Row> parse(JsonNode root) {
    if (!root.isArray()) {
      throw new IllegalArgumentException("not a JMH JSON result (expected an array)");
    }
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : root) {
      if (!r.has("benchmark") || !r.has("primaryMetric")) {
        throw new IllegalArgumentException("not a JMH JSON result (no benchmark/primaryMetric)");
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : r.path("params").properties()) {
        params.put(e.getKey(), e.getValue().asText());
      }
      String benchmark = r.get("benchmark").asText();
      String mode = r.path("mode").asText();
      int threads = r.path("threads").asInt(1);
      Map<String, Row> secondaries = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : r.path("secondaryMetrics").properties()) {
        if (e.getKey().startsWith("\u00b7") || e.getKey().matches("p\\d\\.\\d+")) {
          continue; // profiler output (·gc.alloc.rate ...), or sample mode's percentiles again
        }
        secondaries.put(e.getKey(), metric(benchmark, e.getKey(), mode, threads, params, e.getValue(), Map.of()));
      }
      rows.add(metric(benchmark, null, mode, threads, params, r.get("primaryMetric"), secondaries));
    }
    return rows;
  }

  private static Row metric(
      String benchmark, String name, String mode, int threads, Map<String, String> params, JsonNode m,
      Map<String, Row> secondaries) {
    Map<String, Double> pct = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : m.path("scorePercentiles").properties()) {
      pct.put(e.getKey(), e.getValue().asDouble());
    }
    return new Row(
        benchmark, name, mode, threads, params, m.path("score").asDouble(Double.NaN),
        number(m.path("scoreError")), m.path("scoreUnit").asText(), pct, secondaries);
  }

  private static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.asDouble();
    }
    try {
      return Double.parseDouble(n.asText());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Writes the markdown table. */
  static void render(List<Row> rows, String source, String jvm, PrintStream out) {
    out.println("| benchmark | params | mode | threads | score | ± error | unit | p50 | p99 | p99.9 | max"
        + " | vs baseline |");
    out.println("|---|---|---|---:|---:|---:|---|---:|---:|---:|---:|---|");
    for (Row r : rows) {
      line(r, rows, out);
      for (Row s : r.secondaries().values()) {
        line(s, rows, out);
      }
    }
    out.println();
    out.println("Source: " + source + (jvm == null ? "" : "; " + jvm) + ". Ratio = figure / baseline in"
        + " the same unit (latency: lower is better; throughput: higher is better); sample-mode"
        + " ratios compare means, with the p50 ratio beside them.");
  }

  private static void line(Row r, List<Row> all, PrintStream out) {
    boolean sample = r.mode().equals("sample") && r.metric() == null;
    out.printf(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
        r.simpleName(), params(r.params()), r.mode(), r.threads(), fmt(r.score()),
        Double.isNaN(r.error()) ? "" : fmt(r.error()), r.unit(),
        sample ? fmt(r.percentiles().getOrDefault("50.0", Double.NaN)) : "",
        sample ? fmt(r.percentiles().getOrDefault("99.0", Double.NaN)) : "",
        sample ? fmt(r.percentiles().getOrDefault("99.9", Double.NaN)) : "",
        sample ? fmt(r.percentiles().getOrDefault("100.0", Double.NaN)) : "",
        comparisons(r, all));
  }

  static String params(Map<String, String> params) {
    List<String> out = new ArrayList<>();
    params.forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.add(k + "=" + v);
      }
    });
    return String.join(" ", out);
  }

  /** "1.23× askLatency; 1.05× pingPongLatency", or "" when no baseline was run. */
  static String comparisons(Row r, List<Row> all) {
    List<String> out = new ArrayList<>();
    for (String ref : baselines(r)) {
      Row base = findBaseline(r, ref, all);
      if (base == null) {
        continue;
      }
      double ratio = ratio(r.score(), r.unit(), base.score(), base.unit());
      if (Double.isNaN(ratio)) {
        continue;
      }
      String name = ref.substring(ref.indexOf('.') + 1);
      String s = String.format(Locale.ROOT, "%.2f× %s", ratio, name);
      if (r.mode().equals("sample") && r.metric() == null) {
        double p50 = ratio(r.percentiles().getOrDefault("50.0", Double.NaN), r.unit(),
            base.percentiles().getOrDefault("50.0", Double.NaN), base.unit());
        if (!Double.isNaN(p50)) {
          s += String.format(Locale.ROOT, " (p50 %.2f×)", p50);
        }
      }
      out.add(s);
    }
    return String.join("; ", out);
  }

  /**
   * The {@link Baseline} refs of a row's benchmark method, or none if it has none, is not in this
   * jar, or the row lacks a parameter value the annotation asks for ({@link Baseline#onlyWith}).
   */
  static List<String> baselines(Row r) {
    String benchmark = r.benchmark();
    int dot = benchmark.lastIndexOf('.');
    if (dot < 0) {
      return List.of();
    }
    try {
      Class<?> c = Class.forName(benchmark.substring(0, dot));
      for (Method m : c.getMethods()) {
        if (m.getName().equals(benchmark.substring(dot + 1))) {
          Baseline b = m.getAnnotation(Baseline.class);
          if (b == null) {
            return List.of();
          }
          for (String required : b.onlyWith()) {
            int eq = required.indexOf('=');
            if (!required.substring(eq + 1).equals(r.params().get(required.substring(0, eq)))) {
              return List.of();
            }
          }
          return List.of(b.value());
        }
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // A benchmark from another jar: no baselines known.
    }
    return List.of();
  }

  /** The run of {@code ref} with the same mode that best matches {@code r}'s threads and params. */
  static Row findBaseline(Row r, String ref, List<Row> all) {
    String pkg = r.benchmark().substring(0, r.benchmark().lastIndexOf('.'));
    pkg = pkg.substring(0, pkg.lastIndexOf('.') + 1);
    String full = pkg + ref;
    Row best = null;
    int bestScore = -1;
    for (Row c : all) {
      if (!c.benchmark().equals(full) || !c.mode().equals(r.mode())) {
        continue;
      }
      Row candidate = c;
      if (r.metric() != null) {
        candidate = c.secondaries().get(r.metric());
        if (candidate == null) {
          continue;
        }
      }
      int score = c.threads() == r.threads() ? 1000 : 0;
      for (Map.Entry<String, String> p : r.params().entrySet()) {
        if (p.getValue().equals(c.params().get(p.getKey()))) {
          score++;
        }
      }
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  /** a / b after converting b to a's unit; NaN when the units do not convert. */
  static double ratio(double a, String unitA, double b, String unitB) {
    double fa = toBase(unitA);
    double fb = toBase(unitB);
    if (Double.isNaN(fa) || Double.isNaN(fb) || b == 0 || isTime(unitA) != isTime(unitB)) {
      return Double.NaN;
    }
    return (a * fa) / (b * fb);
  }

  private static boolean isTime(String unit) {
    return unit.endsWith("/op");
  }

  /** Factor to seconds per op (time units) or ops per second (rate units). */
  private static double toBase(String unit) {
    return switch (unit) {
      case "ns/op" -> 1e-9;
      case "us/op" -> 1e-6;
      case "ms/op" -> 1e-3;
      case "s/op" -> 1.0;
      case "min/op" -> 60.0;
      case "ops/ns" -> 1e9;
      case "ops/us" -> 1e6;
      case "ops/ms" -> 1e3;
      case "ops/s" -> 1.0;
      case "ops/min" -> 1.0 / 60;
      default -> Double.NaN;
    };
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
