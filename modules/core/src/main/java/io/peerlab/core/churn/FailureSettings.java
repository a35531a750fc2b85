package io.peerlab.core.churn;

import java.util.List;

/**
 * Failures a scenario schedules in the measured phase (scenario keys {@code peerlab.faults.*}
 * besides {@code corrupt-peers}; docs/churn.md). Times in nanoseconds after the measured phase
 * begins.
 *
 * @param massFailureAtNanos when a fraction of the non-server peers crash at once and stay down; -1
 *     for never ({@code mass-failure.at = off})
 * @param massFailureFraction that fraction, drawn by the seed
 * @param serverOutages servers that are down for a while (crash, then come back with their store)
 * @param partitions times when the peers are split in two groups that cannot reach each other
 */
public record FailureSettings(
    long massFailureAtNanos,
    double massFailureFraction,
    List<Outage> serverOutages,
    List<Partition> partitions) {

  /** Server {@code server} (an address below {@code servers}) is down in [from, until). */
  public record Outage(int server, long fromNanos, long untilNanos) {
    public Outage {
      if (server < 0 || fromNanos < 0 || untilNanos <= fromNanos) {
        throw new IllegalArgumentException(
            "a server outage needs server >= 0 and 0 <= from < until: " + this);
      }
    }
  }

  /**
   * In [from, until) a share {@code fraction} of all peers, drawn by the seed, forms one group and
   * the rest the other; messages between the groups are lost. Healed at {@code until}.
   */
  public record Partition(long fromNanos, long untilNanos, double fraction) {
    public Partition {
      if (fromNanos < 0 || untilNanos <= fromNanos || !(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException(
            "a partition needs 0 <= from < until and a fraction in (0, 1): " + this);
      }
    }
  }

  private static final FailureSettings NONE = new FailureSettings(-1, 0.5, List.of(), List.of());

  public FailureSettings {
    serverOutages = List.copyOf(serverOutages);
    partitions = List.copyOf(partitions);
    if (!(massFailureFraction >= 0 && massFailureFraction <= 1)) {
      throw new IllegalArgumentException("faults.mass-failure.fraction must be in [0, 1]");
    }
  }

  public static FailureSettings none() {
    return NONE;
  }

  public boolean any() {
    return massFailureAtNanos >= 0 || !serverOutages.isEmpty() || !partitions.isEmpty();
  }
}
