package io.peerlab.core.run;

import io.peerlab.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where copies of each object sit at the start of a run, in topologies where peers hold objects:
 * {@code replicas} distinct peers per object, drawn uniformly from the non-server peers. A pure
 * function of the seed, so every peer-to-peer topology of a run starts from the same placement.
 */
public final class Placement {
  private final int[][] holders;
  private final List<List<Integer>> byPeer;

  public Placement(long seed, int objects, int replicas, int firstPeer, int peers) {
    int candidates = peers - firstPeer;
    int r = Math.min(replicas, candidates);
    holders = new int[objects][];
    byPeer = new ArrayList<>(peers);
    for (int p = 0; p < peers; p++) {
      byPeer.add(new ArrayList<>(0));
    }
    SplittableRandom rnd = Seeds.random(seed, "placement");
    for (int o = 0; o < objects; o++) {
      int[] h = new int[r];
      int filled = 0;
      while (filled < r) {
        int p = firstPeer + rnd.nextInt(candidates);
        boolean dup = false;
        for (int i = 0; i < filled; i++) {
          dup |= h[i] == p;
        }
        if (!dup) {
          h[filled++] = p;
          byPeer.get(p).add(o);
        }
      }
      holders[o] = h;
    }
  }

  /** The peers holding {@code object} at start. */
  public int[] holders(int object) {
    return holders[object].clone();
  }

  /** The objects {@code peer} holds at start, ascending. */
  public List<Integer> objectsOf(int peer) {
    return List.copyOf(byPeer.get(peer));
  }
}
