package io.peerlab.core.overlay.superpeer;

import io.peerlab.core.overlay.unstructured.GraphSettings;
import io.peerlab.core.overlay.unstructured.ResultWindow;

/**
 * The {@code super-peer} topology's parameters (scenario keys {@code peerlab.super-peer.*};
 * defaults and explanations in reference.conf and docs/overlays/super-peer.md).
 *
 * @param fraction share of all peers that are super-peers, in (0, 1]; at least one is
 * @param degree super-peer neighbours of every super-peer (even, at least 2)
 * @param ttl the most super-peer to super-peer hops a query travels
 * @param leafConnections super-peers each leaf attaches to and uploads its index to
 * @param joinWalkLength random-walk steps of a joining super-peer's edge search and of a leaf's
 *     search for a super-peer
 * @param joinTimeoutNanos how long a joining step may go unanswered before it is retried
 * @param searchWindowNanos how long a search collects hits after its first hit
 * @param hitTimeoutNanos how long a query waits for its first hit before it fails
 */
public record SuperPeerSettings(
    double fraction,
    int degree,
    int ttl,
    int leafConnections,
    int joinWalkLength,
    long joinTimeoutNanos,
    long searchWindowNanos,
    long hitTimeoutNanos) {

  public SuperPeerSettings {
    if (!(fraction > 0 && fraction <= 1) || ttl < 0 || leafConnections < 1) {
      throw new IllegalArgumentException(
          "need 0 < fraction <= 1, ttl >= 0, leafConnections >= 1");
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

  /** A copy with another fraction and TTL. */
  public SuperPeerSettings with(double newFraction, int newTtl) {
    return new SuperPeerSettings(
        newFraction, degree, newTtl, leafConnections, joinWalkLength, joinTimeoutNanos,
        searchWindowNanos, hitTimeoutNanos);
  }

  /** A copy with another number of super-peers per leaf. */
  public SuperPeerSettings withLeafConnections(int n) {
    return new SuperPeerSettings(
        fraction, degree, ttl, n, joinWalkLength, joinTimeoutNanos, searchWindowNanos,
        hitTimeoutNanos);
  }

  /** Values for tests that do not care; scenario runs take theirs from reference.conf. */
  public static SuperPeerSettings forTests() {
    return new SuperPeerSettings(0.1, 4, 3, 1, 10, 5_000_000_000L, 500_000_000L, 5_000_000_000L);
  }
}
