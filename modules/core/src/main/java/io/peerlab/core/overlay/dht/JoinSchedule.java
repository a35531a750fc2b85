package io.peerlab.core.overlay.dht;

/**
 * When each peer starts to join a structured overlay. Peer 0 is the bootstrap and starts the
 * overlay alone at time 0; the others join in waves that at most double the overlay: wave w (w
 * &gt;= 0) holds addresses [2^w, 2^(w+1)) and spreads their joins evenly over one {@code wave}
 * period. So peer a starts at {@code wave * L(a)}, where L is log2 interpolated linearly between
 * powers of two, and N peers have all started after about {@code wave * log2 N}.
 *
 * <p>Why not all at once: in Chord every peer that joins an empty ring gets the bootstrap as its
 * successor, and stabilisation then needs one round per peer to sort them out (the ring is a
 * linked list at that point). Doubling waves keep each wave's joiners at most as many as the peers
 * already in, so joins land in distinct gaps and each needs only a few rounds.
 */
public final class JoinSchedule {
  private JoinSchedule() {}

  /** Nanoseconds after the JOIN phase starts at which peer {@code address} starts joining. */
  public static long startNanos(int address, long waveNanos) {
    if (address <= 0) {
      return 0;
    }
    int w = 31 - Integer.numberOfLeadingZeros(address);
    long base = 1L << w;
    double frac = (address - base) / (double) base;
    return (long) ((w + frac) * waveNanos);
  }

  /** When the last of {@code peers} peers starts joining. */
  public static long lastStartNanos(int peers, long waveNanos) {
    return startNanos(peers - 1, waveNanos);
  }
}
