package io.peerlab.core.overlay.chord;

/**
 * How Chord peers behave (scenario keys {@code peerlab.chord.*}; defaults and meanings in
 * reference.conf). Durations in nanoseconds.
 *
 * @param successors r: length of each peer's successor list (Stoica et al. 2001, §5.2); the
 *     copies of each entry are {@code peerlab.dht.replicas}, on the key's successor and the next
 *     replicas-1 successors, at most r
 * @param stabilizeNanos mean period of stabilise/notify (Fig. 6); each period is drawn uniformly
 *     from [0.5, 1.5) times this, so peers do not fall into step
 * @param fixFingersNanos mean period of fix_fingers; one distinct finger per period
 * @param checkPredecessorNanos mean period of check_predecessor
 * @param failureTimeoutNanos a successor or predecessor that has not answered a stabilise or
 *     check_predecessor request for this long is presumed failed
 * @param requestTimeoutNanos a routed request (join, lookup, publish, locate, search) not answered
 *     after this long is sent again
 * @param requestAttempts a routed request is sent at most this many times (a join never gives up)
 * @param joinWaveNanos time between join waves: peer a starts joining after about {@code
 *     join-wave * log2 a} (see {@link io.peerlab.core.overlay.dht.JoinSchedule})
 * @param settleNanos how long the run lets the ring stabilise after every peer has joined
 * @param warmStart build every peer's successors, predecessor and fingers from the sorted
 *     directory at join time instead of joining through the bootstrap peer: a fast start for very
 *     large rings, not a protocol run; off by default
 * @param checkProgress the defence against misrouting peers ({@code chord.check-progress}): lookup
 *     ops (lookup, locate, search) are routed iteratively by their origin, which rejects a hop that
 *     does not get strictly closer to the key and an answer outside the expected interval, and
 *     routes around the peer that gave it (docs/overlays/chord.md, "Under attack")
 */
public record ChordSettings(
    int successors,
    long stabilizeNanos,
    long fixFingersNanos,
    long checkPredecessorNanos,
    long failureTimeoutNanos,
    long requestTimeoutNanos,
    int requestAttempts,
    long joinWaveNanos,
    long settleNanos,
    boolean warmStart,
    boolean checkProgress) {

  public ChordSettings {
    if (successors < 1) {
      throw new IllegalArgumentException("successors must be >= 1, got " + successors);
    }
    if (stabilizeNanos <= 0 || fixFingersNanos <= 0 || checkPredecessorNanos <= 0
        || failureTimeoutNanos <= 0 || requestTimeoutNanos <= 0 || joinWaveNanos <= 0
        || settleNanos < 0) {
      throw new IllegalArgumentException("chord periods and timeouts must be positive: " + this);
    }
    if (requestAttempts < 1) {
      throw new IllegalArgumentException("request attempts must be >= 1, got " + requestAttempts);
    }
  }

  /**
   * Values for tests that do not care, scaled for small rings and short real-time runs; scenario
   * runs take theirs from reference.conf.
   */
  public static ChordSettings forTests() {
    long ms = 1_000_000L;
    return new ChordSettings(4, 100 * ms, 100 * ms, 200 * ms, 2_000 * ms, 2_000 * ms, 3, 100 * ms,
        1_000 * ms, false, false);
  }

  /**
   * How long a peer that forwards a careful request (one its origin sent again after a timeout)
   * waits for the next hop's ack before it presumes that hop failed and routes around it: a fifth
   * of the request timeout, so that a request can route around a few failed hops before its origin
   * times out again.
   */
  public long hopTimeoutNanos() {
    return requestTimeoutNanos / 5;
  }

  public ChordSettings withSuccessors(int r) {
    return new ChordSettings(r, stabilizeNanos, fixFingersNanos, checkPredecessorNanos,
        failureTimeoutNanos, requestTimeoutNanos, requestAttempts, joinWaveNanos, settleNanos,
        warmStart, checkProgress);
  }

  public ChordSettings withSettleNanos(long nanos) {
    return new ChordSettings(successors, stabilizeNanos, fixFingersNanos, checkPredecessorNanos,
        failureTimeoutNanos, requestTimeoutNanos, requestAttempts, joinWaveNanos, nanos, warmStart,
        checkProgress);
  }

  public ChordSettings withWarmStart(boolean on) {
    return new ChordSettings(successors, stabilizeNanos, fixFingersNanos, checkPredecessorNanos,
        failureTimeoutNanos, requestTimeoutNanos, requestAttempts, joinWaveNanos, settleNanos, on,
        checkProgress);
  }

  public ChordSettings withCheckProgress(boolean on) {
    return new ChordSettings(successors, stabilizeNanos, fixFingersNanos, checkPredecessorNanos,
        failureTimeoutNanos, requestTimeoutNanos, requestAttempts, joinWaveNanos, settleNanos,
        warmStart, on);
  }
}
