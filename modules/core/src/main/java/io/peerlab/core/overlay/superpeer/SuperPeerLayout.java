package io.peerlab.core.overlay.superpeer;

/**
 * Which peers of a run are super-peers: {@code S = max(1, round(fraction * peers))} of them, spread
 * evenly over the addresses (Bresenham's rule: peer {@code a} is one iff {@code floor((a + 1) * S /
 * peers) > floor(a * S / peers)}), so super-peers sit among clients and non-clients alike and the
 * layout is known to every peer without messages, like a list of well-known super-nodes. The first
 * {@code degree + 1} super-peers are the bootstrap peers of the super-peer graph and the peers
 * leaves first contact.
 */
public final class SuperPeerLayout {
  private final int peers;
  private final int count;

  public SuperPeerLayout(int peers, double fraction) {
    if (peers < 1) {
      throw new IllegalArgumentException("no peers");
    }
    this.peers = peers;
    this.count = (int) Math.max(1, Math.min(peers, Math.round(fraction * peers)));
  }

  /** Number of super-peers. */
  public int count() {
    return count;
  }

  public boolean isSuper(int address) {
    return Math.floorDiv((long) (address + 1) * count, peers)
        > Math.floorDiv((long) address * count, peers);
  }

  /** The address of super-peer {@code k} (0-based): {@code ceil((k + 1) * peers / S) - 1}. */
  public int address(int k) {
    return (int) (((long) (k + 1) * peers + count - 1) / count) - 1;
  }

  /** The bootstrap super-peers: the first {@code min(degree + 1, S)}. */
  public int[] seeds(int degree) {
    int[] out = new int[Math.min(degree + 1, count)];
    for (int k = 0; k < out.length; k++) {
      out[k] = address(k);
    }
    return out;
  }

  /** Leaf slots of a super-peer, as a multiple of its fair share of leaf connections. */
  public static final int SLOT_FACTOR = 2;

  /**
   * The most leaves a super-peer takes under churn: {@link #SLOT_FACTOR} times its fair share,
   * {@code ceil(leafConnections * (peers - S) / S)}, and at least one.
   */
  public int leafSlots(int leafConnections) {
    long fair = ((long) leafConnections * (peers - count) + count - 1) / count;
    return (int) Math.max(1, SLOT_FACTOR * fair);
  }
}
