package io.peerlab.core.overlay.flooding;

import io.peerlab.core.overlay.unstructured.GraphSettings;
import io.peerlab.core.overlay.unstructured.ResultWindow;
/**
 * The {@code flooding} topology's parameters (scenario keys {@code peerlab.flooding.*}; defaults
 * and explanations in reference.conf and docs/overlays/flooding.md).
 *
 * @param degree neighbours of every peer (even, at least 2)
 * @param ttl the most overlay hops a query travels from the peer that asks
 * @param joinWalkLength random-walk steps a joining peer's edge search takes
 * @param joinTimeoutNanos how long a joining step may go unanswered before it is retried
 * @param searchWindowNanos how long a search collects hits after its first hit
 * @param hitTimeoutNanos how long a query waits for its first hit before it fails
 */
public record FloodingSettings(
    int degree,
    int ttl,
    int joinWalkLength,
    long joinTimeoutNanos,
    long searchWindowNanos,
    long hitTimeoutNanos) {

  public FloodingSettings {
    if (ttl < 1) {
      throw new IllegalArgumentException("ttl must be >= 1, got " + ttl);
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

  /** A copy with another TTL. */
  public FloodingSettings withTtl(int newTtl) {
    return new FloodingSettings(
        degree, newTtl, joinWalkLength, joinTimeoutNanos, searchWindowNanos, hitTimeoutNanos);
  }

  /** Values for tests that do not care; scenario runs take theirs from reference.conf. */
  public static FloodingSettings forTests() {
    return new FloodingSettings(4, 5, 10, 5_000_000_000L, 500_000_000L, 5_000_000_000L);
  }
}
