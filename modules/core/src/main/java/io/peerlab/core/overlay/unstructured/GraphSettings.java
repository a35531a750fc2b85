package io.peerlab.core.overlay.unstructured;

/**
 * How a {@link RandomGraph} is built (the {@code degree} and {@code join-*} keys of {@code
 * peerlab.flooding}, {@code peerlab.random-walk} and {@code peerlab.super-peer}).
 *
 * @param degree the degree every member ends with: even, at least 2, since each edge split gives
 *     the newcomer two links and leaves every other degree unchanged
 * @param joinWalkLength steps of the random walk that picks the edge a newcomer splits, counted
 *     from the bootstrap peer it contacted
 * @param joinTimeoutNanos how long a joining step (a walk, a split request, a link) may go
 *     unanswered before it is tried again; also how long a member waits for the connectivity beacon
 *     before it rejoins
 */
public record GraphSettings(int degree, int joinWalkLength, long joinTimeoutNanos) {
  public GraphSettings {
    if (degree < 2 || degree % 2 != 0) {
      throw new IllegalArgumentException("degree must be an even number >= 2, got " + degree);
    }
    if (joinWalkLength < 0 || joinTimeoutNanos <= 0) {
      throw new IllegalArgumentException("need joinWalkLength >= 0 and joinTimeout > 0");
    }
  }
}
