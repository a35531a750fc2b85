package io.peerlab.core.metrics;

import io.peerlab.core.workload.OpType;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * A run's measured ops cut into intervals of the host clock (virtual on sim): per op type and
 * interval, ops issued (by intended start), ops that ended ok or failed, and a latency histogram of
 * the ok ones. One series per run, built at the end from every peer's {@link Completions}, so its
 * size grows with intervals × op types, never with peers. Histograms are in microseconds with
 * {@link #DIGITS} significant digits (enough for a per-interval p50/p99) and made only for
 * intervals that had an ok op.
 */
public final class IntervalSeries {
  /** Significant decimal digits of the per-interval histograms. */
  public static final int DIGITS = 2;

  private final long intervalNanos;
  private final long[][] issued = new long[OpType.OPS.length][];
  private final long[][] ok = new long[OpType.OPS.length][];
  private final long[][] failed = new long[OpType.OPS.length][];
  private final Histogram[][] latency = new Histogram[OpType.OPS.length][];
  private int intervals;

  public IntervalSeries(long intervalNanos) {
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("interval must be positive, got " + intervalNanos);
    }
    this.intervalNanos = intervalNanos;
    for (int t = 0; t < OpType.OPS.length; t++) {
      issued[t] = new long[0];
      ok[t] = new long[0];
      failed[t] = new long[0];
      latency[t] = new Histogram[0];
    }
  }

  public long intervalNanos() {
    return intervalNanos;
  }

  /** Intervals from the start of the run to the last one that holds an event (or was covered). */
  public int intervals() {
    return intervals;
  }

  /** Adds every completion of one peer ({@link PeerStats#completions()}). */
  public void addAll(long[] completions) {
    for (int i = 0; i + 1 < completions.length; i += 2) {
      add(completions[i], completions[i + 1]);
    }
  }

  /** Adds one completion: its end time and its packed word ({@link Completions}). */
  public void add(long endNanos, long packed) {
    int t = Completions.type(packed).ordinal();
    long latencyNanos = Completions.latencyNanos(packed);
    int end = cover(endNanos);
    if (Completions.issued(packed)) {
      issued[t][cover(endNanos - latencyNanos)]++;
    }
    if (Completions.ok(packed)) {
      ok[t][end]++;
      Histogram h = latency[t][end];
      if (h == null) {
        h = new Histogram(DIGITS);
        latency[t][end] = h;
      }
      h.recordValue(latencyNanos / 1_000);
    } else {
      failed[t][end]++;
    }
  }

  /** Makes the series reach the interval holding {@code nanos}; returns that interval's index. */
  public int cover(long nanos) {
    int i = (int) (Math.max(0, nanos) / intervalNanos);
    if (i >= intervals) {
      int n = Math.max(i + 1, intervals * 2);
      for (int t = 0; t < OpType.OPS.length; t++) {
        issued[t] = Arrays.copyOf(issued[t], n);
        ok[t] = Arrays.copyOf(ok[t], n);
        failed[t] = Arrays.copyOf(failed[t], n);
        latency[t] = Arrays.copyOf(latency[t], n);
      }
      intervals = i + 1;
    }
    return i;
  }

  /** True when some op of this type was recorded. */
  public boolean has(OpType type) {
    int t = type.ordinal();
    for (int i = 0; i < intervals; i++) {
      if (issued[t][i] + ok[t][i] + failed[t][i] > 0) {
        return true;
      }
    }
    return false;
  }

  public long issued(OpType type, int interval) {
    return issued[type.ordinal()][interval];
  }

  public long ok(OpType type, int interval) {
    return ok[type.ordinal()][interval];
  }

  public long failed(OpType type, int interval) {
    return failed[type.ordinal()][interval];
  }

  /** Latency (µs) of the ok ops of this type that ended in the interval, or null if none did. */
  public Histogram latencyMicros(OpType type, int interval) {
    return latency[type.ordinal()][interval];
  }
}
