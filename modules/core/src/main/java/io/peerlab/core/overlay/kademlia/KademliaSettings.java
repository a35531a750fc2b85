package io.peerlab.core.overlay.kademlia;

/**
 * How Kademlia peers behave (scenario keys {@code peerlab.kademlia.*}; defaults and meanings in
 * reference.conf). Durations in nanoseconds.
 *
 * @param k bucket size: a lookup returns the k closest peers, a value is stored on the {@code
 *     dht.replicas} closest of them (Maymounkov and Mazières 2002, §2.2; 20 in the paper)
 * @param alpha RPCs a lookup keeps in flight (§2.3; 3 in the paper)
 * @param rpcTimeoutNanos an RPC not answered after this long counts as failed for its lookup (a
 *     late answer is still used while the lookup runs)
 * @param refreshIntervalNanos a bucket no lookup has touched for this long is refreshed by a lookup
 *     of a random key in its range (§2.3; one hour in the paper)
 * @param staleAfterNanos when a full bucket is offered a new contact, its least-recently seen
 *     contact is pinged if it has not been heard from for this long (and evicted if it does not
 *     answer); a fresher one keeps its place and the newcomer is dropped (§2.2, BEP 5)
 * @param joinRefresh after the join lookup, refresh every bucket farther than the closest
 *     neighbour, as the paper's join does (§2.3)
 * @param joinWaveNanos time between join waves (see {@link io.peerlab.core.overlay.dht.JoinSchedule})
 * @param settleNanos how long the run waits after every peer has joined, for join refreshes to end
 * @param republishIntervalNanos every this long a peer puts its own objects again and re-stores
 *     every value it keeps on the current closest peers (§2.5; one hour in the paper); 0: never
 * @param maxFailures a contact that failed to answer this many RPCs in a row is evicted from its
 *     bucket, and the bucket's replacement cache refills the place
 * @param warmStart fill every peer's buckets from the sorted list of all peers at join time instead
 *     of joining through peer 0 ({@link KademliaWarmStart}): a fast start for very large networks,
 *     not a protocol run; off by default
 * @param disjointPaths d: a lookup op (lookup, locate, search) runs over d disjoint paths
 *     (S/Kademlia, Baumgart and Mies 2007; {@link Lookup}); 1 is the paper's lookup. Joins,
 *     refreshes and puts always use one path
 * @param ids how peers get their ids ({@code kademlia.ids}): {@link Ids#FREE} as in the paper, or
 *     {@link Ids#COSTLY}, S/Kademlia's
 */
public record KademliaSettings(
    int k,
    int alpha,
    long rpcTimeoutNanos,
    long refreshIntervalNanos,
    long staleAfterNanos,
    boolean joinRefresh,
    long joinWaveNanos,
    long settleNanos,
    long republishIntervalNanos,
    int maxFailures,
    boolean warmStart,
    int disjointPaths,
    Ids ids) {

  /** How a peer gets its id ({@code kademlia.ids}). */
  public enum Ids {
    /** Chosen by the peer (the paper's random id): a Sybil can sit next to the key it attacks. */
    FREE,
    /**
     * S/Kademlia's: the hash of a public key whose making solves a crypto puzzle (a static puzzle
     * of c1 leading zero bits: about 2^c1 hash evaluations of CPU, once, before the peer joins; no
     * message), so a peer cannot choose it and targeted placement fails ({@link
     * Kademlia#idsChosenFreely}). Every message is signed ({@link KademliaMessage.Signed}: 104
     * bytes more).
     */
    COSTLY
  }

  public KademliaSettings {
    if (k < 1 || alpha < 1) {
      throw new IllegalArgumentException("k and alpha must be >= 1: " + this);
    }
    if (rpcTimeoutNanos <= 0 || refreshIntervalNanos <= 0 || staleAfterNanos < 0
        || joinWaveNanos <= 0 || settleNanos < 0 || republishIntervalNanos < 0) {
      throw new IllegalArgumentException("kademlia periods and timeouts must be positive: " + this);
    }
    if (maxFailures < 1) {
      throw new IllegalArgumentException("kademlia.max-failures must be >= 1: " + this);
    }
    java.util.Objects.requireNonNull(ids, "ids");
    if (disjointPaths < 1) {
      throw new IllegalArgumentException("kademlia.disjoint-paths must be >= 1: " + this);
    }
  }

  /**
   * Values for tests that do not care, scaled for small networks and short real-time runs;
   * scenario runs take theirs from reference.conf.
   */
  public static KademliaSettings forTests() {
    long ms = 1_000_000L;
    return new KademliaSettings(8, 3, 1_000 * ms, 3_600_000 * ms, 60_000 * ms, true, 100 * ms,
        1_000 * ms, 0, 3, false, 1, Ids.FREE);
  }

  public KademliaSettings withK(int newK) {
    return new KademliaSettings(newK, alpha, rpcTimeoutNanos, refreshIntervalNanos, staleAfterNanos,
        joinRefresh, joinWaveNanos, settleNanos, republishIntervalNanos, maxFailures, warmStart,
        disjointPaths, ids);
  }

  public KademliaSettings withAlpha(int newAlpha) {
    return new KademliaSettings(k, newAlpha, rpcTimeoutNanos, refreshIntervalNanos, staleAfterNanos,
        joinRefresh, joinWaveNanos, settleNanos, republishIntervalNanos, maxFailures, warmStart,
        disjointPaths, ids);
  }

  /** These settings with republishing every {@code nanos} (0: off). */
  public KademliaSettings withRepublish(long nanos) {
    return new KademliaSettings(k, alpha, rpcTimeoutNanos, refreshIntervalNanos, staleAfterNanos,
        joinRefresh, joinWaveNanos, settleNanos, nanos, maxFailures, warmStart, disjointPaths,
        ids);
  }

  /** These settings with another RPC timeout and bucket refresh interval. */
  public KademliaSettings withTimers(long rpcTimeout, long refreshInterval) {
    return new KademliaSettings(k, alpha, rpcTimeout, refreshInterval, staleAfterNanos,
        joinRefresh, joinWaveNanos, settleNanos, republishIntervalNanos, maxFailures, warmStart,
        disjointPaths, ids);
  }

  public KademliaSettings withWarmStart(boolean on) {
    return new KademliaSettings(k, alpha, rpcTimeoutNanos, refreshIntervalNanos, staleAfterNanos,
        joinRefresh, joinWaveNanos, settleNanos, republishIntervalNanos, maxFailures, on,
        disjointPaths, ids);
  }

  /** These settings with lookup ops over {@code d} disjoint paths (S/Kademlia). */
  public KademliaSettings withDisjointPaths(int d) {
    return new KademliaSettings(k, alpha, rpcTimeoutNanos, refreshIntervalNanos, staleAfterNanos,
        joinRefresh, joinWaveNanos, settleNanos, republishIntervalNanos, maxFailures, warmStart, d,
        ids);
  }

  public KademliaSettings withIds(Ids newIds) {
    return new KademliaSettings(k, alpha, rpcTimeoutNanos, refreshIntervalNanos, staleAfterNanos,
        joinRefresh, joinWaveNanos, settleNanos, republishIntervalNanos, maxFailures, warmStart,
        disjointPaths, newIds);
  }

  public boolean republish() {
    return republishIntervalNanos > 0;
  }
}
