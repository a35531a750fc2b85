package io.peerlab.core.overlay.chord;

import io.peerlab.core.id.Key;
/**
 * A Chord finger table (Stoica et al. 2001, §4.3): finger i (0 &lt;= i &lt; 160) is the first peer
 * that succeeds {@code self + 2^i}. In a ring of N peers only about log2 N of the 160 fingers are
 * distinct (the low ones all name the successor), so the table keeps runs of equal fingers: run j
 * covers fingers [start(j), start(j+1)). That costs about 5 bytes per distinct finger instead of
 * 640 bytes per peer, which is what lets the sim host carry a million peers.
 */
final class FingerTable {
  static final int SIZE = Key.BITS;

  private byte[] starts;
  private int[] nodes;

  /** Every finger names {@code node}. */
  FingerTable(int node) {
    starts = new byte[] {0};
    nodes = new int[] {node};
  }

  /** A table of {@code runs} runs: run j starts at {@code starts[j]} (starts[0] == 0). */
  static FingerTable ofRuns(int[] starts, int[] nodes, int runs) {
    if (runs < 1 || starts[0] != 0) {
      throw new IllegalArgumentException("a finger table starts with a run at finger 0");
    }
    FingerTable t = new FingerTable(nodes[0]);
    t.store(starts, nodes, runs);
    return t;
  }

  int node(int finger) {
    int run = 0;
    while (run + 1 < nodes.length && start(run + 1) <= finger) {
      run++;
    }
    return nodes[run];
  }

  /** Sets fingers [from, to) to {@code node}. */
  void set(int from, int to, int node) {
    if (from < 0 || to > SIZE || from >= to) {
      throw new IllegalArgumentException("bad finger range [" + from + ", " + to + ")");
    }
    if (names(from, to, node)) {
      return; // what fix_fingers finds in a stable ring: nothing to change, nothing to allocate
    }
    int[] s = new int[nodes.length + 2];
    int[] n = new int[nodes.length + 2];
    int runs = 0;
    // Runs (or their parts) before `from`.
    for (int r = 0; r < nodes.length && start(r) < from; r++) {
      runs = push(s, n, runs, start(r), nodes[r]);
    }
    runs = push(s, n, runs, from, node);
    // What covered `to` and after keeps its node from `to` on.
    if (to < SIZE) {
      runs = push(s, n, runs, to, node(to));
      for (int r = 0; r < nodes.length; r++) {
        if (start(r) > to) {
          runs = push(s, n, runs, start(r), nodes[r]);
        }
      }
    }
    store(s, n, runs);
  }

  /**
   * A peer presumed failed leaves the table: each run naming {@code dead} takes the next run's node
   * (the next known peer clockwise), the last run {@code fallback}.
   */
  void evict(int dead, int fallback) {
    int[] s = new int[nodes.length];
    int[] n = new int[nodes.length];
    int runs = 0;
    for (int r = 0; r < nodes.length; r++) {
      int node = nodes[r];
      if (node == dead) {
        int k = r + 1;
        while (k < nodes.length && nodes[k] == dead) {
          k++;
        }
        node = k < nodes.length ? nodes[k] : fallback;
      }
      runs = push(s, n, runs, start(r), node);
    }
    store(s, n, runs);
  }

  /** Appends run (start, node) unless it continues the previous run's node. */
  private static int push(int[] s, int[] n, int runs, int start, int node) {
    if (runs > 0 && n[runs - 1] == node) {
      return runs;
    }
    s[runs] = start;
    n[runs] = node;
    return runs + 1;
  }

  /** Whether every finger in [from, to) already names {@code node}. */
  private boolean names(int from, int to, int node) {
    int run = 0;
    while (run + 1 < nodes.length && start(run + 1) <= from) {
      run++;
    }
    // Runs never repeat their neighbour's node, so one run must cover the whole range.
    return nodes[run] == node && (run + 1 == nodes.length || start(run + 1) >= to);
  }

  private void store(int[] s, int[] n, int runs) {
    if (runs == nodes.length) {
      // Same number of runs: written in place, so a peer's table stays where it was allocated
      // (a run of 10^5 peers would otherwise copy every refreshed table through the young
      // generation).
      for (int i = 0; i < runs; i++) {
        starts[i] = (byte) s[i];
        nodes[i] = n[i];
      }
      return;
    }
    byte[] st = new byte[runs];
    int[] nd = new int[runs];
    for (int i = 0; i < runs; i++) {
      st[i] = (byte) s[i];
      nd[i] = n[i];
    }
    starts = st;
    nodes = nd;
  }

  /** Number of runs of equal fingers. */
  int runs() {
    return nodes.length;
  }

  int runNode(int run) {
    return nodes[run];
  }

  int runStart(int run) {
    return start(run);
  }

  /** The distinct peers named by the fingers, in finger order (a peer may recur if stale). */
  int[] distinct() {
    return nodes.clone();
  }

  private int start(int run) {
    return starts[run] & 0xFF;
  }
}
