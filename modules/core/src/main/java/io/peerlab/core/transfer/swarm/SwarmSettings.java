package io.peerlab.core.transfer.swarm;

/**
 * How the {@code swarm} strategy behaves (scenario keys {@code peerlab.swarm.*}). Durations in
 * nanoseconds.
 *
 * @param uploadSlots peers a member uploads to at once (unchoked), optimistic unchoke included
 * @param optimisticUnchoke true: one slot goes to a random interested peer, rotated every third
 *     rechoke (BitTorrent's optimistic unchoke); false: every slot goes by rate
 * @param rechokeIntervalNanos how often a member re-chooses whom it unchokes (tit-for-tat); also
 *     the period of its housekeeping (request timeouts, re-announce)
 * @param maxPeers connections a member keeps per swarm, and members it asks the tracker for
 * @param announceIntervalNanos shortest time between two re-announcements to the tracker, made
 *     while the member has fewer than {@code maxPeers / 2} connections
 * @param seedTimeNanos how long a member that completed its download keeps seeding the swarm
 * @param requestQueueNanos work a member keeps requested from each connection, in time at that
 *     connection's recent rate (at least one chunk)
 * @param randomFirst chunks picked at random before rarest-first takes over (random first piece)
 * @param endgame true: once every missing chunk is requested, idle connections request them again
 *     and the first copy to arrive cancels the others
 * @param freeRiders share of the downloaders (clients) that never upload ({@link FreeRiders})
 * @param titForTat true: members reward the peers that upload to them (a leecher's regular slots
 *     by what it received, peers that never gave it anything though they could last; a seed that
 *     was a leecher serves the peers that gave to it first; the optimistic unchoke skips peers
 *     that could give and never did). false: no one looks at what it got back; regular slots stay
 *     with the peers already unchoked, seeds serve the peers furthest behind first
 */
public record SwarmSettings(
    int uploadSlots,
    boolean optimisticUnchoke,
    long rechokeIntervalNanos,
    int maxPeers,
    long announceIntervalNanos,
    long seedTimeNanos,
    long requestQueueNanos,
    int randomFirst,
    boolean endgame,
    double freeRiders,
    boolean titForTat) {

  public SwarmSettings {
    if (uploadSlots < 1 || maxPeers < 1 || randomFirst < 0) {
      throw new IllegalArgumentException(
          "need upload slots >= 1, max peers >= 1, random first >= 0");
    }
    if (!(freeRiders >= 0 && freeRiders <= 1)) {
      throw new IllegalArgumentException("swarm.free-riders must be in [0, 1], got " + freeRiders);
    }
    if (rechokeIntervalNanos <= 0 || announceIntervalNanos <= 0 || requestQueueNanos <= 0
        || seedTimeNanos < 0) {
      throw new IllegalArgumentException("intervals must be positive and seed time >= 0");
    }
  }

  /** Values for tests that do not care; scenario runs take theirs from reference.conf. */
  public static SwarmSettings forTests() {
    return new SwarmSettings(
        4, true, 250_000_000L, 30, 1_000_000_000L, 30_000_000_000L, 250_000_000L, 1, true, 0.0, true);
  }

  public SwarmSettings withSeedTime(long nanos) {
    return new SwarmSettings(
        uploadSlots, optimisticUnchoke, rechokeIntervalNanos, maxPeers, announceIntervalNanos,
        nanos, requestQueueNanos, randomFirst, endgame, freeRiders, titForTat);
  }

  /** These settings with {@code fraction} of the downloaders free-riding. */
  public SwarmSettings withFreeRiders(double fraction) {
    return new SwarmSettings(
        uploadSlots, optimisticUnchoke, rechokeIntervalNanos, maxPeers, announceIntervalNanos,
        seedTimeNanos, requestQueueNanos, randomFirst, endgame, fraction, titForTat);
  }

  /** These settings with tit-for-tat on or off. */
  public SwarmSettings withTitForTat(boolean on) {
    return new SwarmSettings(
        uploadSlots, optimisticUnchoke, rechokeIntervalNanos, maxPeers, announceIntervalNanos,
        seedTimeNanos, requestQueueNanos, randomFirst, endgame, freeRiders, on);
  }
}
