package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.metrics.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline and the .hlog interval logs of the quickstart on sim (docs/results.md). */
class TimelineTest {
  private static final Path QUICKSTART = Path.of("../../config/scenarios/quickstart.conf");
  private static ScenarioReport report;

  @BeforeAll
  static void run() {
    report = new ScenarioRunner().run(ScenarioLoader.load(QUICKSTART, List.of("runtime=sim")));
  }

  @Test
  void timeline_hasOneEntryPerInterval_upToTheEndOfTheMeasuredPhase() {
    for (RunResult r : report.runs()) {
      RunResult.Timeline t = r.timeline();
      assertThat(t.intervalMs()).isEqualTo(1000.0);
      double measureStart = t.phases().get(3).startMs();
      int intervals = (int) Math.ceil((measureStart + r.timing().durationMs()) / 1000.0);
      assertThat(t.tMs()).hasSize(intervals);
      assertThat(t.tMs().get(0)).isEqualTo(1000.0);
      assertThat(t.tMs().get(intervals - 1)).isEqualTo(intervals * 1000.0);
      for (List<?> column : List.of(t.opsPerSec(), t.success(), t.p50Ms(), t.p99Ms())) {
        assertThat(column).hasSize(intervals);
      }
      t.ops().values().forEach(op -> {
        assertThat(op.issued()).hasSize(intervals);
        assertThat(op.ok()).hasSize(intervals);
        assertThat(op.failed()).hasSize(intervals);
        assertThat(op.p50Ms()).hasSize(intervals);
        assertThat(op.p99Ms()).hasSize(intervals);
      });
    }
  }

  @Test
  void timelineCounts_addUpToTheRunsOpCounts() {
    for (RunResult r : report.runs()) {
      RunResult.Timeline t = r.timeline();
      assertThat(t.ops().keySet()).isEqualTo(r.figures().ops().keySet());
      long all = 0;
      for (Map.Entry<String, RunResult.OpSummary> e : r.figures().ops().entrySet()) {
        RunResult.OpTimeline op = t.ops().get(e.getKey());
        long ok = op.ok().stream().mapToLong(Long::longValue).sum();
        long failed = op.failed().stream().mapToLong(Long::longValue).sum();
        long issued = op.issued().stream().mapToLong(Long::longValue).sum();
        assertThat(ok).as(e.getKey() + " ok").isEqualTo(e.getValue().ok());
        assertThat(failed).as(e.getKey() + " failed").isEqualTo(e.getValue().failed());
        assertThat(issued).as(e.getKey() + " issued").isEqualTo(e.getValue().count());
        all += e.getValue().count();
      }
      double perSecond = t.opsPerSec().stream().mapToDouble(Double::doubleValue).sum();
      assertThat(perSecond * t.intervalMs() / 1000.0).isCloseTo(all, org.assertj.core.data.Offset.offset(1e-6));
      // Nothing is measured before MEASURE begins, so the first interval (JOIN to warm-up) is empty
      // and its success and percentiles say so with null.
      assertThat(t.opsPerSec().get(0)).isZero();
      assertThat(t.success().get(0)).isNull();
      assertThat(t.p50Ms().get(0)).isNull();
      assertThat(t.success().subList(1, t.success().size())).allMatch(s -> s == 1.0);
      assertThat(t.p99Ms().get(1)).isGreaterThanOrEqualTo(t.p50Ms().get(1));
    }
  }

  @Test
  void phases_areInOrder_andMeasureStartsAfterWarmup() {
    for (RunResult r : report.runs()) {
      List<RunResult.PhaseStart> phases = r.timeline().phases();
      assertThat(phases).extracting(RunResult.PhaseStart::phase)
          .containsExactly("JOIN", "PUBLISH", "WARMUP", "MEASURE");
      for (int i = 1; i < phases.size(); i++) {
        assertThat(phases.get(i).startMs()).isGreaterThanOrEqualTo(phases.get(i - 1).startMs());
      }
      assertThat(phases.get(3).startMs()).isGreaterThan(phases.get(2).startMs());
    }
  }

  @Test
  void hlog_readsBackWithHdrHistogramsOwnReader(@TempDir Path dir) throws IOException {
    ResultsWriter.write(report, dir);
    for (RunResult r : report.runs()) {
      for (Map.Entry<String, RunResult.OpSummary> e : r.figures().ops().entrySet()) {
        Path file = dir.resolve(r.identity().topology() + "-" + e.getKey() + ".hlog");
        assertThat(file).exists();
        int intervals = 0;
        long count = 0;
        double lastEnd = 0;
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
          Histogram h;
          while ((h = (Histogram) reader.nextIntervalHistogram()) != null) {
            assertThat(h.getStartTimeStamp()).isEqualTo(Math.round(intervals * 1000.0));
            lastEnd = h.getEndTimeStamp();
            count += h.getTotalCount();
            intervals++;
          }
        }
        assertThat(intervals).isEqualTo(r.timeline().tMs().size());
        assertThat(lastEnd).isEqualTo(intervals * 1000.0);
        assertThat(count).isEqualTo(e.getValue().ok());
      }
    }
    assertThat(Files.readString(dir.resolve("results.json"))).contains("\"timeline\"")
        .doesNotContain("\"intervals\"");
  }
}
