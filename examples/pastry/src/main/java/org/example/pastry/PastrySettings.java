package org.example.pastry;

/**
 * {@code peerlab.pastry.*}.
 *
 * @param leafSet l, the peers with the numerically closest ids a peer keeps: l/2 on each side
 * @param warmStart fill every peer's tables from the run's directory at once instead of joining
 *     by the protocol of §2.4 (a fast start for very large runs)
 * @param joinWaveNanos time between join waves: peer a starts joining after about {@code
 *     joinWave * log2(a)}, so each wave at most doubles the overlay
 * @param settleNanos how long the run lets the last joins' announcements settle before publishing
 */
public record PastrySettings(int leafSet, boolean warmStart, long joinWaveNanos, long settleNanos) {

  /** reference.conf's defaults: 16 leaves, the join protocol, 500 ms waves, 2 s to settle. */
  public static final PastrySettings DEFAULTS = new PastrySettings(16, false, 500_000_000L, 2_000_000_000L);

  public PastrySettings {
    if (leafSet < 2 || leafSet % 2 != 0 || joinWaveNanos <= 0 || settleNanos < 0) {
      throw new IllegalArgumentException("need an even leaf set >= 2, a positive join wave, settle >= 0");
    }
  }

  /** These settings with the tables filled at once ({@code true}) or by joining. */
  public PastrySettings withWarmStart(boolean on) {
    return new PastrySettings(leafSet, on, joinWaveNanos, settleNanos);
  }
}
