package io.peerlab.core.overlay.randomwalk;

import io.peerlab.core.overlay.unstructured.GraphSettings;
import io.peerlab.core.overlay.unstructured.ResultWindow;

/**
 * The {@code random-walk} topology's parameters (scenario keys {@code peerlab.random-walk.*};
 * defaults and explanations in reference.conf and docs/overlays/random-walk.md).
 *
 * @param degree neighbours of every peer (even, at least 2)
 * @param walkers walkers a query sends out (Lv et al. use 16 to 64)
 * @param ttl the most steps one walker takes
 * @param checkInterval a walker asks the peer that sent it whether to go on every this many steps;
 *     0 = never (walkers run until they find something or their TTL ends)
 * @param joinWalkLength random-walk steps a joining peer's edge search takes
 * @param joinTimeoutNanos how long a joining step may go unanswered before it is retried
 * @param searchWindowNanos how long a search collects hits after its first hit
 * @param hitTimeoutNanos how long a query waits for its first hit before it fails
 */
public record RandomWalkSettings(
    int degree,
    int walkers,
    int ttl,
    int checkInterval,
    int joinWalkLength,
    long joinTimeoutNanos,
    long searchWindowNanos,
    long hitTimeoutNanos) {

  public RandomWalkSettings {
    if (walkers < 1 || ttl < 1 || checkInterval < 0) {
      throw new IllegalArgumentException("need walkers >= 1, ttl >= 1, checkInterval >= 0");
    }
    new GraphSettings(degree, joinWalkLength, joinTimeoutNanos);
    new ResultWindow(searchWindowNanos, hitTimeoutNanos);
  }

  public GraphSettings graph() {
    return new GraphSettings(degree, joinWalkLength, joinTimeoutNanos);
  }

  public ResultWindow window() {
    return new ResultWindow(searchWindowNanos, hitTimeoutNanos);
  }

  /** A copy with other walker parameters. */
  public RandomWalkSettings withWalkers(int newWalkers, int newTtl, int newCheckInterval) {
    return new RandomWalkSettings(
        degree, newWalkers, newTtl, newCheckInterval, joinWalkLength, joinTimeoutNanos,
        searchWindowNanos, hitTimeoutNanos);
  }

  /** Values for tests that do not care; scenario runs take theirs from reference.conf. */
  public static RandomWalkSettings forTests() {
    return new RandomWalkSettings(4, 16, 256, 4, 10, 5_000_000_000L, 500_000_000L, 10_000_000_000L);
  }
}
