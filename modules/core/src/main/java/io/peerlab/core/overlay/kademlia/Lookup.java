package io.peerlab.core.overlay.kademlia;

import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one iterative node lookup (Maymounkov and Mazières 2002, §2.3): a shortlist of
 * candidates ordered by XOR distance to the target. The lookup keeps up to α RPCs in flight, always
 * to the closest candidates not yet asked among the k closest that have not failed, and ends when
 * those k closest have all answered. So it ends only once every peer among the k closest it knows
 * of has been asked and has answered, the paper's termination rule.
 *
 * <p>Depth: a candidate taken from the origin's own table has depth 1; one learned from the answer
 * of a depth-d candidate has depth d+1. The lookup's hops are the greatest depth among the peers in
 * its answer: the longest chain of RPCs the answer needed.
 *
 * <p><b>Disjoint paths</b> (S/Kademlia, Baumgart and Mies 2007; {@code
 * kademlia.disjoint-paths = d}). The origin's k closest contacts are dealt round-robin into d
 * paths; each candidate belongs to the path that learned it first, and a contact another path
 * already knows is not taken again, so no peer is queried by two paths. Each path keeps its own α
 * RPCs in flight among its own k closest and ends when those have all answered; the lookup ends
 * when every path has, and its answer merges the paths: the k closest peers that answered on any
 * path. With d = 1 this is the plain lookup above.
 */
final class Lookup {
  static final byte UNASKED = 0;
  static final byte ASKED = 1;
  static final byte ANSWERED = 2;
  static final byte FAILED = 3;

  private static final class Candidate {
    final int address;
    final Key key;
    final int depth;
    final int path;
    byte state;

    Candidate(int address, Key key, int depth, int path) {
      this.address = address;
      this.key = key;
      this.depth = depth;
      this.path = path;
    }
  }

  private final Key target;
  private final int k;
  private final int alpha;
  private final int self;
  private final Directory directory;
  private final int paths;
  private final List<Candidate> shortlist = new ArrayList<>();
  /** RPCs in flight, per path. */
  private final int[] inFlight;
  private int rpcs;
  private int maxDepth;
  private boolean over;

  /** A lookup over {@code paths} disjoint paths (S/Kademlia); 1 is the plain lookup. */
  Lookup(Key target, int k, int alpha, int paths, int self, Directory directory) {
    if (paths < 1) {
      throw new IllegalArgumentException("paths must be >= 1: " + paths);
    }
    this.target = target;
    this.k = k;
    this.alpha = alpha;
    this.paths = paths;
    this.self = self;
    this.directory = directory;
    this.inFlight = new int[paths];
  }

  /**
   * The origin's own contacts, nearest first: dealt round-robin into the paths (the i-th nearest
   * to path i mod d), at depth 1.
   */
  void start(int[] contacts) {
    int i = 0;
    for (int c : contacts) {
      if (add(c, 1, i % paths)) {
        i++;
      }
    }
  }

  Key target() {
    return target;
  }

  /**
   * Adds one contact to {@code path}, unless it is this peer or already known (on any path: the
   * paths stay disjoint). True when added.
   */
  private boolean add(int c, int depth, int path) {
    if (c == self || c < 0 || find(c) != null) {
      return false;
    }
    Key ck = directory.get(c).key();
    int lo = 0;
    int hi = shortlist.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (RoutingTable.compareXor(shortlist.get(mid).key, ck, target) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    shortlist.add(lo, new Candidate(c, ck, depth, path));
    return true;
  }

  /** The next peers to ask (marked asked), keeping at most α in flight on each path. */
  int[] next() {
    if (over) {
      return new int[0];
    }
    List<Integer> out = new ArrayList<>();
    for (int p = 0; p < paths; p++) {
      int seen = 0;
      for (Candidate c : shortlist) {
        if (seen >= k || inFlight[p] >= alpha) {
          break;
        }
        if (c.path != p || c.state == FAILED) {
          continue;
        }
        seen++;
        if (c.state == UNASKED) {
          c.state = ASKED;
          inFlight[p]++;
          rpcs++;
          out.add(c.address);
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code from} answered with {@code contacts} (a late answer after a timeout counts too). */
  void answered(int from, int[] contacts) {
    Candidate c = find(from);
    if (c == null || c.state == ANSWERED) {
      return;
    }
    if (c.state == ASKED) {
      inFlight[c.path]--;
    }
    c.state = ANSWERED;
    maxDepth = Math.max(maxDepth, c.depth);
    for (int x : contacts) {
      add(x, c.depth + 1, c.path);
    }
  }

  /** {@code from} did not answer in time. */
  void failed(int from) {
    Candidate c = find(from);
    if (c != null && c.state == ASKED) {
      c.state = FAILED;
      inFlight[c.path]--;
    }
  }

  /** Depth of a candidate (for the peer that returned a value). */
  int depthOf(int address) {
    Candidate c = find(address);
    return c == null ? 0 : c.depth;
  }

  /** True when, on every path, the k closest candidates that have not failed have all answered. */
  boolean finished() {
    if (over) {
      return true;
    }
    for (int p = 0; p < paths; p++) {
      int seen = 0;
      for (Candidate c : shortlist) {
        if (seen >= k) {
          break;
        }
        if (c.path != p || c.state == FAILED) {
          continue;
        }
        seen++;
        if (c.state != ANSWERED) {
          return false;
        }
      }
    }
    return true;
  }

  /** Stops the lookup early (a value was found, or the op was cancelled). */
  void stop() {
    over = true;
  }

  /** The k closest peers that answered, nearest first. */
  int[] closest() {
    List<Integer> out = new ArrayList<>();
    for (Candidate c : shortlist) {
      if (out.size() >= k) {
        break;
      }
      if (c.state == ANSWERED) {
        out.add(c.address);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Greatest depth among the peers in {@link #closest()}. */
  int hops() {
    int h = 0;
    int n = 0;
    for (Candidate c : shortlist) {
      if (n >= k) {
        break;
      }
      if (c.state == ANSWERED) {
        h = Math.max(h, c.depth);
        n++;
      }
    }
    return h;
  }

  /** RPCs sent so far. */
  int rpcs() {
    return rpcs;
  }

  /** Greatest depth of any peer that answered. */
  int rounds() {
    return maxDepth;
  }

  boolean knows(int address) {
    return find(address) != null;
  }

  private Candidate find(int address) {
    for (Candidate c : shortlist) {
      if (c.address == address) {
        return c;
      }
    }
    return null;
  }
}
