package io.peerlab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerlab.core.metrics.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes results.json (docs/results.md) and results.csv (one row per topology and op type). */
public final class ResultsWriter {
  private ResultsWriter() {}

  public static final String JSON = "results.json";
  public static final String CSV = "results.csv";

  /**
   * Writes a tiny tree once, so that the JSON writer's classes ({@link ResultsJson}, jackson-core's
   * generator, the tree nodes) are loaded by the warm-up thread while the run is still going.
   */
  public static void warmUp() {
    ResultsJson.text(ResultsJson.tree(Map.of("warm-up", List.of(1, 2.5, "x"))));
  }

  public static String json(ScenarioReport report) {
    return text(tree(report));
  }

  /** results.json as a tree: what {@link #json} writes out (a report can be made from it). */
  public static ObjectNode tree(ScenarioReport report) {
    ObjectNode tree = ResultsJson.record(report.withRuns(List.of()));
    ArrayNode runs = tree.arrayNode(report.runs().size());
    for (RunResult r : report.runs()) {
      runs.add(runTree(r));
    }
    tree.set("runs", runs); // in its place: the last field
    return tree;
  }

  private static String text(ObjectNode tree) {
    return ResultsJson.text(tree) + "\n";
  }

  /** The runs converted by the last {@link #json}, and their trees (never changed once made). */
  private static List<RunResult> lastRuns = List.of();
  private static List<ObjectNode> lastTrees = List.of();

  /**
   * One run's entry. The file is rewritten after every topology and at the end, each time with the
   * runs so far; a run already converted (the same object) reuses its tree, since converting a
   * large run (per-peer arrays of every peer) is most of a write.
   */
  private static synchronized ObjectNode runTree(RunResult r) {
    for (int i = 0; i < lastRuns.size(); i++) {
      if (lastRuns.get(i) == r) {
        return lastTrees.get(i);
      }
    }
    ObjectNode tree = ResultsJson.record(r);
    noSamplesAsNull(r, tree);
    List<RunResult> runs = new ArrayList<>(lastRuns);
    List<ObjectNode> trees = new ArrayList<>(lastTrees);
    runs.add(r);
    trees.add(tree);
    // Keep the runs of the current report only, roughly: a long sweep must not hold them all.
    if (runs.size() > 64) {
      runs.remove(0);
      trees.remove(0);
    }
    lastRuns = runs;
    lastTrees = trees;
    return tree;
  }

  /**
   * A figure with no samples is {@code null}, not the 0 (or, for Jain's index, the 1) the summary
   * holds for it: latency and hops of an op type with no ok op, and the fairness of a run with no
   * ok op or nothing to share (docs/results.md).
   */
  static void noSamplesAsNull(RunResult r, ObjectNode run) {
    JsonNode ops = run.get("ops");
    for (Map.Entry<String, RunResult.OpSummary> e : r.figures().ops().entrySet()) {
      if (e.getValue().ok() == 0 && ops != null && ops.get(e.getKey()) instanceof ObjectNode op) {
        nullFields(op.get("latencyMs"));
        nullFields(op.get("hops"));
      }
    }
    JsonNode load = run.get("load");
    if (load != null) {
      for (String spread : List.of("messagesHandled", "bytesUploaded")) {
        if (load.get(spread) instanceof ObjectNode o && !jainDefined(r, o)) {
          o.putNull("jain");
        }
      }
    }
  }

  private static boolean jainDefined(RunResult r, JsonNode spread) {
    return okOps(r) > 0 && spread.path("mean").asDouble() > 0;
  }

  /** Jain's index of bytes uploaded, or null where it has no meaning ({@link #json}). */
  public static Double uploadJain(RunResult r) {
    RunResult.Spread s = r.figures().load().bytesUploaded();
    return okOps(r) > 0 && s.mean() > 0 ? s.jain() : null;
  }

  static long okOps(RunResult r) {
    return r.figures().ops().values().stream().mapToLong(RunResult.OpSummary::ok).sum();
  }

  private static void nullFields(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      names.forEach(o::putNull);
    }
  }

  /** The CSV header: run columns, then op columns. */
  public static final List<String> CSV_COLUMNS =
      List.of(
          "scenario", "runtime", "topology", "transfer", "peers", "op", "count", "ok", "failed",
          "latency_mean_ms", "latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "latency_p999_ms",
          "latency_max_ms", "hops_mean", "hops_p50", "hops_p99", "hops_max", "messages_mean",
          "bytes_mean", "fetch_bytes", "goodput_bytes_per_sec", "recall", "duration_ms",
          "throughput_ops_per_sec", "distribution_time_ms", "server_share_of_upload",
          "load_jain_bytes_uploaded", "deadline_hit", "availability", "not_issued",
          "maintenance_msgs_per_peer_sec", "data_loss", "attacked", "poisoned_results",
          "wasted_bytes");

  public static String csv(ScenarioReport report) {
    StringBuilder sb = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
    for (RunResult r : report.runs()) {
      for (Map.Entry<String, RunResult.OpSummary> e : r.figures().ops().entrySet()) {
        RunResult.OpSummary o = e.getValue();
        List<Object> row = new ArrayList<>();
        row.add(report.scenario());
        row.add(r.identity().runtime());
        row.add(r.identity().topology());
        row.add(r.identity().transfer());
        row.add(r.identity().peers());
        row.add(e.getKey());
        row.add(o.count());
        row.add(o.ok());
        row.add(o.failed());
        boolean samples = o.ok() > 0;
        row.add(samples ? o.latencyMs().mean() : null);
        row.add(samples ? o.latencyMs().p50() : null);
        row.add(samples ? o.latencyMs().p90() : null);
        row.add(samples ? o.latencyMs().p99() : null);
        row.add(samples ? o.latencyMs().p999() : null);
        row.add(samples ? o.latencyMs().max() : null);
        row.add(samples ? o.hops().mean() : null);
        row.add(samples ? o.hops().p50() : null);
        row.add(samples ? o.hops().p99() : null);
        row.add(samples ? o.hops().max() : null);
        row.add(o.messages().mean());
        row.add(o.messages().bytesMean());
        row.add(o.bytes());
        row.add(o.goodputBytesPerSec());
        row.add(o.recall());
        row.add(r.timing().durationMs());
        row.add(r.timing().throughputOpsPerSec());
        row.add(r.timing().distributionTimeMs());
        row.add(r.figures().load().serverShareOfUpload());
        row.add(uploadJain(r));
        row.add(r.timing().deadlineHit());
        row.add(o.availability());
        row.add(o.notIssued());
        row.add(r.figures().maintenance() == null
            ? null : r.figures().maintenance().messagesPerPeerSecond());
        row.add(r.figures().dataLoss());
        row.add(o.attacked());
        row.add(o.poisonedResults());
        row.add(r.figures().adversary() == null ? null : r.figures().adversary().wastedBytes());
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
          if (i > 0) {
            line.append(',');
          }
          line.append(cell(row.get(i)));
        }
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15
          ? String.valueOf(d.longValue())
          : String.format(Locale.ROOT, "%s", d);
    }
    String s = String.valueOf(v);
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  /**
   * Writes both files, and each run's interval logs ({@link IntervalLogs}), into {@code dir}. Each
   * file is written whole to a temporary file beside it and moved into place atomically, so a
   * reader (or a run killed while writing) sees the previous version or the new one, never half a
   * file. Called after every topology (status running) and once at the end; synchronised, so the
   * shutdown hook's write and the run's never interleave.
   *
   * @return the results.json tree written (shared run trees: read it, do not change it)
   */
  public static synchronized ObjectNode write(ScenarioReport report, Path dir) {
    ObjectNode tree = tree(report);
    try {
      Files.createDirectories(dir);
      replace(dir.resolve(JSON), text(tree));
      replace(dir.resolve(CSV), csv(report));
      IntervalLogs.write(report, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
    }
    return tree;
  }

  /** Writes {@code text} to {@code file} through a temporary file and an atomic move. */
  public static void replace(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
