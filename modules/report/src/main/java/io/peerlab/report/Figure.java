package io.peerlab.report;

import io.peerlab.scenario.ComparisonTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One row of the comparison table: a label and one or more numbers per run, shown "a / b" as the
 * CLI's table shows them (modules/scenario ComparisonTable), but read from results.json.
 *
 * @param label the row's label, e.g. "lookup latency p50 / p99 ms"
 * @param values the numbers of the row, each read from a run (null when it does not apply)
 */
public record Figure(String label, List<Value> values) {

  /** How a number is printed. */
  public enum Unit {
    /** An integer count, without separators (as "ops ok / failed"). */
    COUNT,
    /** A figure with 2, 1 or 0 decimals by size, as the CLI prints it. */
    NUMBER,
    /** A fraction printed as a percentage. */
    PERCENT;

    public String format(Double v) {
      if (v == null) {
        return ComparisonTable.NONE;
      }
      return switch (this) {
        case COUNT -> String.format(Locale.ROOT, "%d", Math.round(v));
        case NUMBER -> ComparisonTable.num(v);
        case PERCENT -> ComparisonTable.pct(v);
      };
    }
  }

  /** One number of a row: where it comes from in a run, and how it prints. */
  public record Value(Function<Run, Double> of, Unit unit) {}

  public Figure {
    values = List.copyOf(values);
  }

  static Figure of(String label, Unit unit, Function<Run, Double> of) {
    return new Figure(label, List.of(new Value(of, unit)));
  }

  /** The numbers of this row for one run (null entries where a figure does not apply). */
  public List<Double> numbers(Run run) {
    List<Double> out = new ArrayList<>();
    for (Value v : values) {
      out.add(v.of().apply(run));
    }
    return out;
  }

  /** The cell text for one run: "39.20 / 70.59", or "–" when the row does not apply to it. */
  public String cell(Run run) {
    List<Double> n = numbers(run);
    if (n.stream().allMatch(x -> x == null)) {
      return ComparisonTable.NONE;
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      parts.add(values.get(i).unit().format(n.get(i)));
    }
    return String.join(" / ", parts);
  }

  /** The rows of the CLI's comparison table, in its order, for these runs. */
  public static List<Figure> comparison(List<Run> runs) {
    Set<String> ops = new LinkedHashSet<>();
    runs.forEach(r -> ops.addAll(r.ops()));
    List<Figure> rows = new ArrayList<>();
    rows.add(new Figure("ops ok / failed",
        List.of(new Value(r -> sumOverOps(r, "ok"), Unit.COUNT), new Value(r -> sumOverOps(r, "failed"), Unit.COUNT))));
    for (String op : ops) {
      rows.add(pair(op + " latency p50 / p99 ms", "/ops/" + op + "/latencyMs/p50", "/ops/" + op + "/latencyMs/p99"));
    }
    for (String op : ops) {
      rows.add(pair(op + " hops mean / msgs per op", "/ops/" + op + "/hops/mean", "/ops/" + op + "/messages/mean"));
    }
    if (ops.contains("search")) {
      rows.add(of("search recall", Unit.PERCENT, r -> r.value("/ops/search/recall")));
    }
    if (ops.contains("fetch")) {
      rows.add(of("fetch goodput MiB/s", Unit.NUMBER, r -> scaled(r.value("/ops/fetch/goodputBytesPerSec"), 1024 * 1024)));
    }
    if (runs.stream().anyMatch(r -> r.value("/distributionTimeMs") != null)) {
      rows.add(of("distribution time s", Unit.NUMBER, r -> scaled(r.value("/distributionTimeMs"), 1000)));
    }
    if (runs.stream().anyMatch(r -> r.value("/load/chunksRejected") != null && r.value("/load/chunksRejected") > 0)) {
      rows.add(of("chunks rejected (SHA-256)", Unit.COUNT, r -> r.value("/load/chunksRejected")));
    }
    rows.add(of("throughput ops/s", Unit.NUMBER, r -> r.value("/throughputOpsPerSec")));
    rows.add(of("server share of upload", Unit.PERCENT, r -> r.value("/load/serverShareOfUpload")));
    rows.add(of("upload fairness (Jain)", Unit.NUMBER, r -> r.value("/load/bytesUploaded/jain")));
    rows.add(of("busiest peer msgs handled", Unit.NUMBER, r -> r.value("/load/messagesHandled/max")));
    return rows;
  }

  private static Figure pair(String label, String first, String second) {
    return new Figure(label,
        List.of(new Value(r -> r.value(first), Unit.NUMBER), new Value(r -> r.value(second), Unit.NUMBER)));
  }

  private static Double sumOverOps(Run r, String field) {
    double sum = 0;
    for (String op : r.ops()) {
      Double v = r.value("/ops/" + op + "/" + field);
      sum += v == null ? 0 : v;
    }
    return sum;
  }

  private static Double scaled(Double v, double divisor) {
    return v == null ? null : v / divisor;
  }
}
