package io.peerlab.core.metrics;

import org.HdrHistogram.Histogram;

/**
 * What one peer (or, merged, a whole run) recorded for one operation type during the measured
 * phase. Latency is kept in microseconds with 3 significant digits; histograms auto-resize, so an
 * idle peer costs almost nothing. Failed ops are counted but contribute no latency or hops.
 */
public final class OpStats {
  /** Significant decimal digits kept by every latency histogram. */
  public static final int DIGITS = 3;

  private final Histogram latencyMicros = new Histogram(DIGITS);
  private final Histogram hops = new Histogram(DIGITS);
  private long ok;
  private long failed;
  private long bytes;
  private long fetchNanos;
  private double recallSum;
  private long recallCount;
  private final java.util.TreeMap<String, Long> failures = new java.util.TreeMap<>();

  public void recordOk(long latencyNanos, int hopCount) {
    ok++;
    latencyMicros.recordValue(Math.max(0, latencyNanos / 1_000));
    hops.recordValue(Math.max(0, hopCount));
  }

  /** A failed op and why ("timeout", "not-found", "unfinished", ...). */
  public void recordFailed(String reason) {
    failed++;
    failures.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
  }

  /** Failed ops by reason, in reason order. */
  public java.util.SortedMap<String, Long> failures() {
    return java.util.Collections.unmodifiableSortedMap(failures);
  }

  /** A completed fetch: object bytes downloaded and the time it took. */
  public void recordFetch(long objectBytes, long latencyNanos) {
    bytes += objectBytes;
    fetchNanos += latencyNanos;
  }

  /** A completed search: fraction of the matching objects it found. */
  public void recordRecall(double recall) {
    recallSum += recall;
    recallCount++;
  }

  public void merge(OpStats o) {
    latencyMicros.add(o.latencyMicros);
    hops.add(o.hops);
    ok += o.ok;
    failed += o.failed;
    bytes += o.bytes;
    fetchNanos += o.fetchNanos;
    recallSum += o.recallSum;
    recallCount += o.recallCount;
    o.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
  }

  public Histogram latencyMicros() {
    return latencyMicros;
  }

  public Histogram hops() {
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
      double recallSum, long recallCount, java.util.Map<String, Long> failures) {
    OpStats s = new OpStats();
    s.failures.putAll(failures);
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
