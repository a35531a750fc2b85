package io.peerlab.core.overlay.dht;

/**
 * What the DHT overlays (Chord, Kademlia) share (scenario keys {@code peerlab.dht.*}).
 *
 * @param replicas copies of each stored entry: the responsible peer and {@code replicas - 1} more
 *     (Chord: the next successors; Kademlia: the next closest peers), so that an entry survives
 *     until all of them fail between two repairs
 */
public record DhtSettings(int replicas) {
  public DhtSettings {
    if (replicas < 1) {
      throw new IllegalArgumentException("dht.replicas must be >= 1, got " + replicas);
    }
  }

  /** One copy: the default. */
  public static DhtSettings defaults() {
    return new DhtSettings(1);
  }
}
