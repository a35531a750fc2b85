package io.peerlab.core.overlay.unstructured;

/**
 * When a query of an unstructured overlay ends for the client that asked (the {@code
 * search-window} and {@code hit-timeout} keys). Hits come back one by one and nobody can tell the
 * client that no more will come, so the client decides:
 *
 * <ul>
 *   <li>a lookup or a fetch's locate step ends at its first hit;
 *   <li>a search ends {@code searchWindowNanos} after its first hit, with every object reported by
 *       then (recall counts those);
 *   <li>a query with no hit after {@code hitTimeoutNanos} fails as "not-found".
 * </ul>
 *
 * So a search's latency is the time to its first hit plus the window; its hops are the hops to the
 * first hit.
 *
 * @param searchWindowNanos how long a search keeps collecting hits after the first (0 = none)
 * @param hitTimeoutNanos how long the client waits for a first hit
 */
public record ResultWindow(long searchWindowNanos, long hitTimeoutNanos) {
  public ResultWindow {
    if (searchWindowNanos < 0 || hitTimeoutNanos <= 0) {
      throw new IllegalArgumentException("need searchWindow >= 0 and hitTimeout > 0");
    }
  }
}
