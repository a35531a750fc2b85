package io.peerlab.core.transfer.swarm;

import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Which chunk to ask a peer for (BitTorrent's piece selection, Cohen 2003, section 2.3): among the
 * chunks the peer holds that this member lacks and has not requested anywhere, a uniformly random
 * one while the member holds fewer than {@code randomFirst} chunks (so that it soon has something
 * to trade), then the rarest among its connections, ties broken at random. In end game, when
 * every missing chunk is already requested somewhere, a chunk not yet requested from this peer,
 * least requested first.
 */
public final class PiecePicker {
  private PiecePicker() {}

  /**
   * @param peerHas chunks the peer holds
   * @param have chunks this member holds
   * @param requested outstanding requests per chunk, over all connections
   * @param availability connections holding each chunk
   * @param haveCount {@code have.cardinality()}
   * @return the chunk, or -1 when the peer has nothing this member should ask for
   */
  public static int pick(
      BitSet peerHas, BitSet have, int[] requested, int[] availability, int haveCount,
      int randomFirst, SplittableRandom random) {
    boolean randomPhase = haveCount < randomFirst;
    int best = -1;
    int bestRarity = Integer.MAX_VALUE;
    int ties = 0;
    for (int c = peerHas.nextSetBit(0); c >= 0; c = peerHas.nextSetBit(c + 1)) {
      if (have.get(c) || requested[c] > 0) {
        continue;
      }
      int rarity = randomPhase ? 0 : availability[c];
      if (rarity < bestRarity) {
        best = c;
        bestRarity = rarity;
        ties = 1;
      } else if (rarity == bestRarity && random.nextInt(++ties) == 0) {
        best = c;
      }
    }
    return best;
  }

  /**
   * End game, for a connection with nothing outstanding: a chunk the peer holds that this member
   * lacks, has not asked this peer for, and has asked of only one other peer, rarest first; -1 if
   * none. So every chunk is asked at most twice, and only of otherwise idle connections.
   */
  public static int pickEndgame(
      BitSet peerHas, BitSet have, BitSet askedOfPeer, int[] requested, int[] availability) {
    int best = -1;
    long bestKey = Long.MAX_VALUE;
    for (int c = peerHas.nextSetBit(0); c >= 0; c = peerHas.nextSetBit(c + 1)) {
      if (have.get(c) || askedOfPeer.get(c) || requested[c] >= 2) {
        continue;
      }
      long key = ((long) requested[c] << 32) | availability[c];
      if (key < bestKey) {
        best = c;
        bestKey = key;
      }
    }
    return best;
  }

  /** True when every chunk this member lacks is requested from at least one connection. */
  public static boolean allRequested(BitSet have, int chunks, int[] requested) {
    for (int c = have.nextClearBit(0); c < chunks; c = have.nextClearBit(c + 1)) {
      if (requested[c] == 0) {
        return false;
      }
    }
    return true;
  }
}
