package io.peerlab.core.metrics;

import io.peerlab.core.workload.OpType;

/**
 * How {@link PeerStats#completions()} packs one measured op into two longs: its end time (run
 * clock, nanoseconds), then {@code (end - start) << 4 | issued << 3 | type << 1 | ok}, where
 * {@code issued} is 0 for an op the run ended before it started (start unknown, latency 0).
 * Sixteen bytes an op, whatever the number of peers or intervals.
 */
public final class Completions {
  private Completions() {}

  static long pack(OpType type, boolean ok, long startNanos, long endNanos) {
    boolean issued = startNanos >= 0;
    long latency = issued ? Math.max(0, endNanos - startNanos) : 0;
    return latency << 4 | (issued ? 8 : 0) | (long) type.ordinal() << 1 | (ok ? 1 : 0);
  }

  public static boolean ok(long packed) {
    return (packed & 1) != 0;
  }

  public static OpType type(long packed) {
    return OpType.of((int) (packed >>> 1 & 3));
  }

  public static boolean issued(long packed) {
    return (packed & 8) != 0;
  }

  /** From the op's intended start to its end, nanoseconds; 0 when it was never issued. */
  public static long latencyNanos(long packed) {
    return packed >>> 4;
  }
}
