package io.peerlab.core.run;

import io.peerlab.core.churn.ChurnPlan;
import io.peerlab.core.metrics.IntervalSeries;
import io.peerlab.core.metrics.PeerStats;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.metrics.UpkeepSeries;
import io.peerlab.core.workload.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * Cuts a run's measured ops into intervals ({@link IntervalSeries}) and turns the series into the
 * {@code timeline} of results.json (docs/results.md, "Timeline").
 */
public final class Timelines {
  private Timelines() {}

  /** Every peer's completions, in intervals from the run's start to its measured end. */
  public static IntervalSeries series(RunOutcome outcome, long intervalNanos) {
    IntervalSeries s = new IntervalSeries(intervalNanos);
    for (PhaseMark m : outcome.phases()) {
      s.cover(m.atNanos());
    }
    if (outcome.measureEndNanos() > 0) {
      // The last interval is the one the measured phase ended in (an end on a boundary closes the
      // interval before it).
      s.cover(outcome.measureEndNanos() - 1);
    }
    for (PeerStats p : outcome.peers()) {
      s.addAll(p.completions());
    }
    return s;
  }

  /**
   * The timeline of a run: {@link #timeline(IntervalSeries, List)} with the peers online per
   * interval (from the churn plan) and the maintenance messages per interval (from the peers'
   * {@link UpkeepSeries}).
   */
  public static RunResult.Timeline timeline(IntervalSeries s, RunOutcome outcome, ChurnPlan plan) {
    RunResult.Timeline t = timeline(s, outcome.phases());
    long width = s.intervalNanos();
    int n = s.intervals();
    List<Integer> alive = null;
    long measureStart = outcome.measureStartNanos();
    if (plan.active() && measureStart >= 0) {
      int[] a = plan.alivePerInterval(measureStart, width, n);
      alive = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        // Before the measured phase nobody has gone down yet.
        alive.add((i + 1) * width <= measureStart ? outcome.peers().size() : a[i]);
      }
    }
    UpkeepSeries upkeep = new UpkeepSeries();
    for (PeerStats p : outcome.peers()) {
      if (p.upkeep() != null) {
        upkeep.addPacked(p.upkeep());
      }
    }
    List<Long> maintenance = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      maintenance.add(upkeep.messages(i * width, (i + 1) * width));
    }
    return new RunResult.Timeline(
        t.intervalMs(), t.tMs(), t.opsPerSec(), t.success(), t.p50Ms(), t.p99Ms(), t.ops(),
        t.phases(), alive, maintenance);
  }

  public static RunResult.Timeline timeline(IntervalSeries s, List<PhaseMark> phases) {
    int n = s.intervals();
    double seconds = s.intervalNanos() / 1e9;
    List<Double> t = new ArrayList<>(n);
    List<Double> rate = new ArrayList<>(n);
    List<Double> success = new ArrayList<>(n);
    List<Double> p50 = new ArrayList<>(n);
    List<Double> p99 = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long ok = 0;
      long failed = 0;
      Histogram all = null;
      for (OpType type : OpType.OPS) {
        ok += s.ok(type, i);
        failed += s.failed(type, i);
        Histogram h = s.latencyMicros(type, i);
        if (h != null) {
          if (all == null) {
            all = new Histogram(IntervalSeries.DIGITS);
          }
          all.add(h);
        }
      }
      t.add(Summaries.round((i + 1) * s.intervalNanos() / 1e6));
      rate.add(Summaries.round((ok + failed) / seconds));
      success.add(ok + failed == 0 ? null : Summaries.round((double) ok / (ok + failed)));
      p50.add(ms(all, 50));
      p99.add(ms(all, 99));
    }
    Map<String, RunResult.OpTimeline> ops = new LinkedHashMap<>();
    for (OpType type : OpType.OPS) {
      if (s.has(type)) {
        ops.put(type.label(), op(s, type));
      }
    }
    List<RunResult.PhaseStart> marks = new ArrayList<>();
    for (PhaseMark m : phases) {
      marks.add(new RunResult.PhaseStart(m.phase().name(), Summaries.round(m.atNanos() / 1e6)));
    }
    return new RunResult.Timeline(
        Summaries.round(s.intervalNanos() / 1e6), t, rate, success, p50, p99, ops, marks, null,
        null);
  }

  private static RunResult.OpTimeline op(IntervalSeries s, OpType type) {
    return new RunResult.OpTimeline(
        IntStream.range(0, s.intervals()).mapToObj(i -> s.issued(type, i)).toList(),
        IntStream.range(0, s.intervals()).mapToObj(i -> s.ok(type, i)).toList(),
        IntStream.range(0, s.intervals()).mapToObj(i -> s.failed(type, i)).toList(),
        IntStream.range(0, s.intervals()).mapToObj(i -> ms(s.latencyMicros(type, i), 50)).toList(),
        IntStream.range(0, s.intervals()).mapToObj(i -> ms(s.latencyMicros(type, i), 99)).toList());
  }

  private static Double ms(Histogram micros, double percentile) {
    return micros == null || micros.getTotalCount() == 0
        ? null
        : Summaries.round(micros.getValueAtPercentile(percentile) / 1000.0);
  }
}
