package io.peerlab.core.run;

import io.peerlab.core.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where copies of each object sit at the start of a run, in topologies where peers hold objects:
 * {@code replicas} distinct peers per object, drawn uniformly from the non-server peers. A pure
 * function of the seed, so every peer-to-peer topology of a run starts from the same placement.
 */
public final class Placement {
  private final int[][] holders;
  /** Objects by peer, compressed: peer p holds byPeer[start[p] .. start[p+1]), ascending. */
  private final int[] start;
  private final int[] byPeer;

  public Placement(long seed, int objects, int replicas, int firstPeer, int peers) {
    int candidates = peers - firstPeer;
    int r = Math.min(replicas, candidates);
    holders = new int[objects][];
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
        }
      }
      holders[o] = h;
    }
    // Objects are visited in ascending order, so each peer's run comes out ascending.
    start = new int[peers + 1];
    for (int[] h : holders) {
      for (int p : h) {
        start[p + 1]++;
      }
    }
    for (int p = 0; p < peers; p++) {
      start[p + 1] += start[p];
    }
    byPeer = new int[start[peers]];
    int[] next = Arrays.copyOf(start, peers);
    for (int o = 0; o < objects; o++) {
      for (int p : holders[o]) {
        byPeer[next[p]++] = o;
      }
    }
  }

  /** The peers holding {@code object} at start. */
  public int[] holders(int object) {
    return holders[object].clone();
  }

  /** The objects {@code peer} holds at start, ascending. */
  public List<Integer> objectsOf(int peer) {
    List<Integer> out = new ArrayList<>(start[peer + 1] - start[peer]);
    for (int i = start[peer]; i < start[peer + 1]; i++) {
      out.add(byPeer[i]);
    }
    return List.copyOf(out);
  }
}
