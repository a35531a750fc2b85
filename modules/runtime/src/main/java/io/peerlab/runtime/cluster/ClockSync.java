package io.peerlab.runtime.cluster;

/**
 * Estimates the offset between a node's {@code System.nanoTime()} and ours from probe round trips,
 * as NTP does: a probe sent at our {@code t0}, read at the node as {@code r}, back at our {@code
 * t1} gives {@code offset = r - (t0 + t1) / 2} within {@code ±(t1 - t0) / 2}; the sample with the
 * shortest round trip is the tightest. JVMs on one host read the same CLOCK_MONOTONIC, so when the
 * best estimate is within its own uncertainty of 0 the offset is taken as exactly 0.
 */
public final class ClockSync {
  private long bestRtt = Long.MAX_VALUE;
  private long bestOffset;

  /** One probe: sent at {@code t0}, read remotely as {@code remote}, answered at {@code t1}. */
  public void sample(long t0, long remote, long t1) {
    long rtt = t1 - t0;
    if (rtt >= 0 && rtt < bestRtt) {
      bestRtt = rtt;
      bestOffset = remote - (t0 + rtt / 2);
    }
  }

  public boolean hasSample() {
    return bestRtt != Long.MAX_VALUE;
  }

  /** The node's clock minus ours, in nanoseconds (0 if indistinguishable from a shared clock). */
  public long offsetNanos() {
    if (!hasSample()) {
      throw new IllegalStateException("no clock sample");
    }
    return Math.abs(bestOffset) <= (bestRtt + 1) / 2 ? 0 : bestOffset;
  }

  /** Half the best round trip: how far off the offset may be. */
  public long uncertaintyNanos() {
    return bestRtt / 2;
  }
}
