package io.peerlab.core.metrics;

import org.HdrHistogram.Histogram;

/**
 * What one peer (or, merged, a whole run) recorded for one operation type during the measured
 * phase. Latency is kept in microseconds with 3 significant digits; histograms auto-resize, so an
 * idle peer costs almost nothing. Failed ops are counted but contribute no latency or hops.
 *
 * <p><b>Storage.</b> An HdrHistogram of latencies in the hundreds of milliseconds holds about
 * 9,000 counters (~70 KB), so a hundred thousand clients with one histogram each would need
 * gigabytes for a few ops apiece. Until {@link #EXACT_VALUES} ops have been recorded, the values
 * themselves are kept (12 bytes an op) and the histograms are created only when asked for or when
 * the list is full; then every kept value is recorded into them. Merging stays exact: a histogram
 * is a count per bucket, and recording the same values in any order, or adding histograms that
 * recorded them, gives the same counts, hence the same percentiles, mean and maximum.
 */
public final class OpStats {
  /** Significant decimal digits kept by every latency histogram. */
  public static final int DIGITS = 3;

  /** Values kept before the histograms are made; past this many, the histograms take over. */
  static final int EXACT_VALUES = 256;

  // Either the histograms (both non-null) or the first values recorded (n of them).
  private Histogram latencyMicros;
  private Histogram hops;
  private long[] keptMicros;
  private int[] keptHops;
  private int kept;
  private long ok;
  private long failed;
  private long bytes;
  private long fetchNanos;
  private double recallSum;
  private long recallCount;
  private java.util.TreeMap<String, Long> failures;
  // Counts beside ok/failed that only some runs have ("attacked", "hits", "poisoned-hits"); null
  // until the first, so runs without adversaries carry nothing.
  private java.util.TreeMap<String, Long> marks;

  /** An op's answer came from an adversary ({@code attacked} in results). */
  public static final String ATTACKED = "attacked";

  /** Search hits returned (with an adversary in the run), and how many of them were poisoned. */
  public static final String HITS = "hits";

  public static final String POISONED_HITS = "poisoned-hits";

  /**
   * Fetches that ended ok with a forged manifest: must stay 0 (the node's content-id check rejects
   * such an object); kept so that tests can check it on every run with an adversary.
   */
  public static final String FORGED_ACCEPTED = "forged-accepted";

  public void recordOk(long latencyNanos, int hopCount) {
    ok++;
    record(Math.max(0, latencyNanos / 1_000), Math.max(0, hopCount));
  }

  private void record(long micros, int hopCount) {
    if (latencyMicros != null) {
      latencyMicros.recordValue(micros);
      hops.recordValue(hopCount);
      return;
    }
    if (kept == EXACT_VALUES) {
      histograms();
      record(micros, hopCount);
      return;
    }
    if (keptMicros == null || kept == keptMicros.length) {
      int n = keptMicros == null ? 4 : Math.min(EXACT_VALUES, 2 * kept);
      keptMicros = keptMicros == null ? new long[n] : java.util.Arrays.copyOf(keptMicros, n);
      keptHops = keptHops == null ? new int[n] : java.util.Arrays.copyOf(keptHops, n);
    }
    keptMicros[kept] = micros;
    keptHops[kept] = hopCount;
    kept++;
  }

  /** Makes the histograms from the values kept so far (once). */
  private void histograms() {
    if (latencyMicros == null) {
      latencyMicros = new Histogram(DIGITS);
      hops = new Histogram(DIGITS);
      for (int i = 0; i < kept; i++) {
        latencyMicros.recordValue(keptMicros[i]);
        hops.recordValue(keptHops[i]);
      }
      keptMicros = null;
      keptHops = null;
      kept = 0;
    }
  }

  /** A failed op and why ("timeout", "not-found", "unfinished", ...). */
  public void recordFailed(String reason) {
    failed++;
    if (failures == null) {
      failures = new java.util.TreeMap<>();
    }
    failures.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
  }

  /** Failed ops by reason, in reason order. */
  public java.util.SortedMap<String, Long> failures() {
    return failures == null
        ? java.util.Collections.emptySortedMap()
        : java.util.Collections.unmodifiableSortedMap(failures);
  }

  /** A completed fetch: object bytes downloaded and the time it took. */
  public void recordFetch(long objectBytes, long latencyNanos) {
    bytes += objectBytes;
    fetchNanos += latencyNanos;
  }

  /** Adds {@code n} to the count {@code name} (one of {@link #ATTACKED}, {@link #HITS}...). */
  public void mark(String name, long n) {
    if (marks == null) {
      marks = new java.util.TreeMap<>();
    }
    marks.merge(name, n, Long::sum);
  }

  /** The count {@code name}, 0 if never marked. */
  public long marked(String name) {
    return marks == null ? 0 : marks.getOrDefault(name, 0L);
  }

  /** Every mark, by name (empty if none). */
  public java.util.SortedMap<String, Long> marks() {
    return marks == null
        ? java.util.Collections.emptySortedMap()
        : java.util.Collections.unmodifiableSortedMap(marks);
  }

  /** A completed search: fraction of the matching objects it found. */
  public void recordRecall(double recall) {
    recallSum += recall;
    recallCount++;
  }

  public void merge(OpStats o) {
    if (o.latencyMicros != null) {
      histograms();
      latencyMicros.add(o.latencyMicros);
      hops.add(o.hops);
    } else {
      for (int i = 0; i < o.kept; i++) {
        record(o.keptMicros[i], o.keptHops[i]);
      }
    }
    ok += o.ok;
    failed += o.failed;
    bytes += o.bytes;
    fetchNanos += o.fetchNanos;
    recallSum += o.recallSum;
    recallCount += o.recallCount;
    if (o.failures != null) {
      if (failures == null) {
        failures = new java.util.TreeMap<>();
      }
      o.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
    }
    if (o.marks != null) {
      o.marks.forEach((k, v) -> mark(k, v));
    }
  }

  /** Latencies of the ok ops, in microseconds (the histogram is made on the first call). */
  public Histogram latencyMicros() {
    histograms();
    return latencyMicros;
  }

  /** Hops of the ok ops (the histogram is made on the first call). */
  public Histogram hops() {
    histograms();
    return hops;
  }

  public long ok() {
    return ok;
  }

  public long failed() {
    return failed;
  }

  public long count() {
    return ok + failed;
  }

  public long bytes() {
    return bytes;
  }

  public long fetchNanos() {
    return fetchNanos;
  }

  public double recallSum() {
    return recallSum;
  }

  public long recallCount() {
    return recallCount;
  }

  /** Restores state decoded by a host that carried these stats between JVMs. */
  public static OpStats restore(
      Histogram latencyMicros, Histogram hops, long ok, long failed, long bytes, long fetchNanos,
      double recallSum, long recallCount, java.util.Map<String, Long> failures,
      java.util.Map<String, Long> marks) {
    OpStats s = new OpStats();
    marks.forEach(s::mark);
    if (!failures.isEmpty()) {
      s.failures = new java.util.TreeMap<>(failures);
    }
    s.histograms();
    s.latencyMicros.add(latencyMicros);
    s.hops.add(hops);
    s.ok = ok;
    s.failed = failed;
    s.bytes = bytes;
    s.fetchNanos = fetchNanos;
    s.recallSum = recallSum;
    s.recallCount = recallCount;
    return s;
  }
}
