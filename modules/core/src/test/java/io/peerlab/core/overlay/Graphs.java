package io.peerlab.core.overlay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/** Graph facts for overlay tests, computed from every peer's neighbour table (global view). */
public final class Graphs {
  private Graphs() {}

  /** Each peer's neighbours, as {@code of} gives them; peers outside the graph give null. */
  public static List<Set<Integer>> adjacency(int peers, IntFunction<Set<Integer>> of) {
    List<Set<Integer>> adj = new ArrayList<>(peers);
    for (int a = 0; a < peers; a++) {
      adj.add(of.apply(a));
    }
    return adj;
  }

  /** Hop distance from {@code source} to every peer, -1 where unreachable (BFS). */
  public static int[] distances(List<Set<Integer>> adj, int source) {
    int[] dist = new int[adj.size()];
    Arrays.fill(dist, -1);
    dist[source] = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(source);
    while (!queue.isEmpty()) {
      int u = queue.poll();
      for (int v : adj.get(u)) {
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          queue.add(v);
        }
      }
    }
    return dist;
  }

  /** Edges whose other end does not list this peer back, as "u->v" strings. */
  public static List<String> oneWayEdges(List<Set<Integer>> adj) {
    List<String> out = new ArrayList<>();
    for (int u = 0; u < adj.size(); u++) {
      if (adj.get(u) == null) {
        continue;
      }
      for (int v : adj.get(u)) {
        if (adj.get(v) == null || !adj.get(v).contains(u)) {
          out.add(u + "->" + v);
        }
      }
    }
    return out;
  }

  /** Members (non-null entries) that {@code source} cannot reach. */
  public static int unreachable(List<Set<Integer>> adj, int source) {
    int[] d = distances(adj, source);
    int n = 0;
    for (int a = 0; a < adj.size(); a++) {
      if (adj.get(a) != null && d[a] < 0) {
        n++;
      }
    }
    return n;
  }

  /** The largest distance from {@code source} to a reachable peer. */
  public static int eccentricity(List<Set<Integer>> adj, int source) {
    int max = 0;
    for (int d : distances(adj, source)) {
      max = Math.max(max, d);
    }
    return max;
  }

  /** How many peers lie at exactly distance k from {@code source}, for k = 0..max. */
  public static int[] shells(int[] dist) {
    int max = 0;
    for (int d : dist) {
      max = Math.max(max, d);
    }
    int[] out = new int[max + 1];
    for (int d : dist) {
      if (d >= 0) {
        out[d]++;
      }
    }
    return out;
  }
}
