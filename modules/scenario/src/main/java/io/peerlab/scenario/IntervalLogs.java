package io.peerlab.scenario;

import io.peerlab.core.metrics.IntervalSeries;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.workload.OpType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * HdrHistogram interval logs of a scenario's runs: one file per run and op type,
 * {@code <topology>-<op>.hlog} (a sweep adds each swept key and value to the name), holding one
 * interval histogram per interval of {@code peerlab.results.interval}: latency of the ok ops that
 * ended in it, in microseconds (the "Max" column in milliseconds), timestamps in seconds of the
 * run clock (virtual on sim). HdrHistogram's own tools read it (HistogramLogReader,
 * HistogramLogProcessor).
 */
public final class IntervalLogs {
  private IntervalLogs() {}

  /** Writes every run's logs into {@code dir}; returns the files written. */
  public static List<Path> write(ScenarioReport report, Path dir) {
    List<Path> out = new ArrayList<>();
    for (RunResult r : report.runs()) {
      IntervalSeries s = r.intervals();
      if (s == null) {
        continue;
      }
      for (OpType type : OpType.OPS) {
        if (s.has(type)) {
          Path file = dir.resolve(fileName(r, type));
          write(report, r, type, file);
          out.add(file);
        }
      }
    }
    return out;
  }

  /** {@code chord-lookup.hlog}; in a sweep {@code chord-lookup-peers-100.hlog}. */
  static String fileName(RunResult r, OpType type) {
    StringBuilder name = new StringBuilder(r.identity().topology()).append('-').append(type.label());
    if (r.sweep() != null) {
      for (Map.Entry<String, Object> e : r.sweep().entrySet()) {
        name.append('-').append(e.getKey()).append('-').append(e.getValue());
      }
    }
    return name.toString().replaceAll("[^A-Za-z0-9._-]", "_") + ".hlog";
  }

  private static void write(ScenarioReport report, RunResult r, OpType type, Path file) {
    IntervalSeries s = r.intervals();
    double seconds = s.intervalNanos() / 1e9;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
      HistogramLogWriter w = new HistogramLogWriter(ps);
      w.outputComment("peerlab " + report.scenario() + ": " + r.identity().topology() + " "
          + type.label() + " latency of ok measured ops, microseconds, on " + report.runtime()
          + (r.sweep() == null ? "" : " " + r.sweep()));
      w.outputComment("timestamps: seconds of the run clock (virtual on sim); one histogram per "
          + seconds + " s interval");
      w.outputLogFormatVersion();
      w.setBaseTime(0);
      w.outputLegend();
      for (int i = 0; i < s.intervals(); i++) {
        Histogram h = s.latencyMicros(type, i);
        if (h == null) {
          h = new Histogram(IntervalSeries.DIGITS);
        }
        w.outputIntervalHistogram(i * seconds, (i + 1) * seconds, h, 1000.0);
      }
    }
    try {
      ResultsWriter.replace(file, bytes.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
