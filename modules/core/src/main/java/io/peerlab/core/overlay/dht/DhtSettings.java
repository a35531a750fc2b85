package io.peerlab.core.overlay.dht;

/**
 * What the DHT overlays (Chord, Kademlia) share (scenario keys {@code peerlab.dht.*}).
 *
 * @param replicas copies of each stored entry: the responsible peer and {@code replicas - 1} more
 *     (Chord: the next successors; Kademlia: the next closest peers), so that an entry survives
 *     until all of them fail between two repairs
 * @param warmPublish place every peer's initial puts (the PUBLISH phase) straight into the stores
 *     of the peers the protocol's puts would reach, with no message ({@link WarmPublish}): the
 *     state a publish over exact tables ends in, for runs that measure lookups, not publishing.
 *     The sim runtime only (it writes other peers' stores, which only one host thread may do)
 */
public record DhtSettings(int replicas, boolean warmPublish) {
  public DhtSettings {
    if (replicas < 1) {
      throw new IllegalArgumentException("dht.replicas must be >= 1, got " + replicas);
    }
  }

  /** {@code replicas} copies, published by the protocol. */
  public DhtSettings(int replicas) {
    this(replicas, false);
  }

  /** One copy, published by the protocol: the default. */
  public static DhtSettings defaults() {
    return new DhtSettings(1);
  }
}
