package io.peerlab.scenario;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.peerlab.core.metrics.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes results.json (docs/results.md) and results.csv (one row per topology and op type). */
public final class ResultsWriter {
  private ResultsWriter() {}

  public static final String JSON = "results.json";
  public static final String CSV = "results.csv";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .addMixIn(RunResult.class, FlatRunResult.class);

  /**
   * A run's groups are written in place, so each entry of {@code runs} is one flat object with the
   * fields of docs/results.md in their documented order: identity, timing, figures, health, then
   * members.
   */
  private abstract static class FlatRunResult {
    @JsonUnwrapped
    abstract RunResult.Identity identity();

    @JsonUnwrapped
    abstract RunResult.Timing timing();

    @JsonUnwrapped
    abstract RunResult.Figures figures();

    @JsonUnwrapped
    abstract RunResult.Health health();

    /** The timeline's raw series: written as .hlog files (IntervalLogs), not into the JSON. */
    @JsonIgnore
    abstract Object intervals();
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String json(ScenarioReport report) {
    try {
      return MAPPER.writeValueAsString(report) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
          "maintenance_msgs_per_peer_sec", "data_loss");

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
        row.add(o.latencyMs().mean());
        row.add(o.latencyMs().p50());
        row.add(o.latencyMs().p90());
        row.add(o.latencyMs().p99());
        row.add(o.latencyMs().p999());
        row.add(o.latencyMs().max());
        row.add(o.hops().mean());
        row.add(o.hops().p50());
        row.add(o.hops().p99());
        row.add(o.hops().max());
        row.add(o.messages().mean());
        row.add(o.messages().bytesMean());
        row.add(o.bytes());
        row.add(o.goodputBytesPerSec());
        row.add(o.recall());
        row.add(r.timing().durationMs());
        row.add(r.timing().throughputOpsPerSec());
        row.add(r.timing().distributionTimeMs());
        row.add(r.figures().load().serverShareOfUpload());
        row.add(r.figures().load().bytesUploaded().jain());
        row.add(r.timing().deadlineHit());
        row.add(o.availability());
        row.add(o.notIssued());
        row.add(r.figures().maintenance() == null
            ? null : r.figures().maintenance().messagesPerPeerSecond());
        row.add(r.figures().dataLoss());
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

  /** Writes both files, and each run's interval logs ({@link IntervalLogs}), into {@code dir}. */
  public static void write(ScenarioReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(JSON), json(report), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(CSV), csv(report), StandardCharsets.UTF_8);
      IntervalLogs.write(report, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
    }
  }
}
