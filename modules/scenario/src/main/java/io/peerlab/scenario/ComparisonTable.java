package io.peerlab.scenario;

import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.metrics.RunResult.OpSummary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** The side-by-side console table: one column per topology, one row per figure. */
public final class ComparisonTable {
  private ComparisonTable() {}

  /** A figure with no samples (no ok op to take a latency from, nothing to share): null in JSON. */
  public static final String NONE = "\u2013";

  public static String render(ScenarioReport report) {
    List<RunResult> runs = report.runs();
    Set<String> opNames = new LinkedHashSet<>();
    for (RunResult r : runs) {
      opNames.addAll(r.figures().ops().keySet());
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(row(runs, "", r -> r.identity().topology()));
    rows.add(row(runs, "ops ok / failed", r -> ok(r) + " / " + failed(r)));
    boolean churn = runs.stream().anyMatch(r -> r.figures().dataLoss() != null);
    if (churn) {
      // Runs with churn or failures: what they cost (docs/churn.md).
      rows.add(row(runs, "ops not issued (client down)", r -> String.valueOf(
          r.figures().ops().values().stream()
              .mapToLong(o -> o.notIssued() == null ? 0 : o.notIssued()).sum())));
      for (String op : opNames) {
        rows.add(row(runs, op + " availability", r -> op(r, op, o -> pct(o.availability()))));
      }
      rows.add(row(runs, "maintenance msgs / peer / s",
          r -> r.figures().maintenance() == null
              ? "-" : num(r.figures().maintenance().messagesPerPeerSecond())));
      rows.add(row(runs, "objects with no live holder",
          r -> r.figures().dataLoss() == null ? "-" : String.valueOf(r.figures().dataLoss())));
    }
    if (runs.stream().anyMatch(r -> r.figures().adversary() != null)) {
      // Runs with malicious peers: what they did (docs/adversary.md).
      rows.add(row(runs, "malicious peers", r -> r.figures().adversary() == null ? "0"
          : r.figures().adversary().malicious() + " " + r.figures().adversary().behaviour()
              + (r.figures().adversary().idsChosen() ? " (ids chosen)" : "")));
      for (String op : opNames) {
        rows.add(row(runs, op + " attacked", r -> op(r, op, o -> o.attacked() == null ? NONE
            : o.attacked() + " (" + pct(o.count() == 0 ? 0.0 : (double) o.attacked() / o.count()) + ")")));
      }
      if (opNames.contains("search")) {
        rows.add(row(runs, "search poisoned results",
            r -> op(r, "search", o -> pct(o.poisonedResults()))));
      }
      rows.add(row(runs, "wasted MiB (rejected)", r -> r.figures().adversary() == null ? NONE
          : num(r.figures().adversary().wastedBytes() / (1024.0 * 1024))));
    }
    for (String op : opNames) {
      rows.add(row(runs, op + " latency p50 / p99 ms",
          r -> op(r, op, o -> o.ok() == 0 ? NONE + " / " + NONE
              : num(o.latencyMs().p50()) + " / " + num(o.latencyMs().p99()))));
    }
    for (String op : opNames) {
      rows.add(row(runs, op + " hops mean / msgs per op",
          r -> op(r, op, o -> (o.ok() == 0 ? NONE : num(o.hops().mean())) + " / " + num(o.messages().mean()))));
    }
    if (opNames.contains("search")) {
      rows.add(row(runs, "search recall", r -> op(r, "search", o -> pct(o.recall()))));
    }
    if (opNames.contains("fetch")) {
      rows.add(row(runs, "fetch goodput MiB/s",
          r -> op(r, "fetch", o -> o.goodputBytesPerSec() == null ? NONE
              : num(o.goodputBytesPerSec() / (1024 * 1024)))));
    }
    if (runs.stream().anyMatch(r -> r.timing().distributionTimeMs() != null)) {
      rows.add(row(runs, "distribution time s",
          r -> r.timing().distributionTimeMs() == null ? NONE : num(r.timing().distributionTimeMs() / 1000)));
    }
    if (runs.stream().anyMatch(r -> r.figures().load().chunksRejected() > 0)) {
      rows.add(row(runs, "chunks rejected (SHA-256)",
          r -> String.valueOf(r.figures().load().chunksRejected())));
    }
    rows.add(row(runs, "throughput ops/s", r -> num(r.timing().throughputOpsPerSec())));
    rows.add(row(runs, "server share of upload", r -> pct(r.figures().load().serverShareOfUpload())));
    rows.add(row(runs, "upload fairness (Jain)", r -> {
      Double jain = ResultsWriter.uploadJain(r);
      return jain == null ? NONE : num(jain);
    }));
    rows.add(row(runs, "busiest peer msgs handled", r -> num(r.figures().load().messagesHandled().max())));

    int cols = runs.size() + 1;
    int[] width = new int[cols];
    for (String[] row : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s · runtime %s · %d peers · seed %d%s%n%n",
        report.scenario(), report.runtime(), runs.isEmpty() ? 0 : runs.get(0).identity().peers(), report.seed(),
        runs.isEmpty() ? "" : " · transfer " + runs.get(0).identity().transfer()));
    for (String[] row : rows) {
      sb.append(pad(row[0], width[0], false));
      for (int c = 1; c < cols; c++) {
        sb.append("   ").append(pad(row[c], width[c], true));
      }
      sb.append('\n');
    }
    for (RunResult r : runs) {
      for (String note : r.health().notes()) {
        sb.append("note (").append(r.identity().topology()).append("): ").append(note).append('\n');
      }
    }
    return sb.toString();
  }

  private static String[] row(List<RunResult> runs, String label, Function<RunResult, String> f) {
    String[] row = new String[runs.size() + 1];
    row[0] = label;
    for (int i = 0; i < runs.size(); i++) {
      row[i + 1] = f.apply(runs.get(i));
    }
    return row;
  }

  private static String op(RunResult r, String op, Function<OpSummary, String> f) {
    OpSummary o = r.figures().ops().get(op);
    return o == null ? NONE : f.apply(o);
  }

  private static long ok(RunResult r) {
    return r.figures().ops().values().stream().mapToLong(OpSummary::ok).sum();
  }

  private static long failed(RunResult r) {
    return r.figures().ops().values().stream().mapToLong(OpSummary::failed).sum();
  }

  public static String num(double v) {
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  public static String pct(Double v) {
    return v == null ? NONE : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private static String pad(String s, int w, boolean right) {
    if (s.length() >= w) {
      return s;
    }
    String sp = " ".repeat(w - s.length());
    return right ? sp + s : s + sp;
  }
}
