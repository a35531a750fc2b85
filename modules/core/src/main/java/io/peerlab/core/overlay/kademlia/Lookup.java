package io.peerlab.core.overlay.kademlia;

import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.dht.SortedKeys;
import java.util.Arrays;

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
 *
 * <p>Representation: the shortlist is parallel primitive arrays kept in order of XOR distance to
 * the target (a new candidate is inserted at its place by binary search, never re-sorted), each
 * distance held as three words read once from the run's flat key arrays ({@link SortedKeys}), and
 * an open-addressing set of the addresses known, so that the 20 contacts of an answer are checked
 * and placed without a scan of the shortlist or an object per candidate.
 */
final class Lookup {
  static final byte UNASKED = 0;
  static final byte ASKED = 1;
  static final byte ANSWERED = 2;
  static final byte FAILED = 3;

  private final Key target;
  private final long th;
  private final long tm;
  private final long tl;
  private final int k;
  private final int alpha;
  private final int self;
  private final SortedKeys keys;
  private final int paths;
  /** The shortlist, nearest first: [0, n) of each array. */
  private int n;
  private int[] address = new int[32];
  /** XOR distance to the target: bits 159..96, 95..32 and 31..0 (in the low half). */
  private long[] d0 = new long[32];
  private long[] d1 = new long[32];
  private long[] d2 = new long[32];
  private int[] depth = new int[32];
  private int[] path = new int[32];
  private byte[] state = new byte[32];
  /** Addresses in the shortlist, plus one (0 is an empty slot); a power of two in size. */
  private int[] known = new int[64];
  /** RPCs in flight, per path. */
  private final int[] inFlight;
  private int rpcs;
  private int maxDepth;
  private boolean over;

  /** A lookup over {@code paths} disjoint paths (S/Kademlia); 1 is the plain lookup. */
  Lookup(Key target, int k, int alpha, int paths, int self, SortedKeys keys) {
    if (paths < 1) {
      throw new IllegalArgumentException("paths must be >= 1: " + paths);
    }
    this.target = target;
    this.th = target.hi();
    this.tm = target.mid();
    this.tl = target.lo();
    this.k = k;
    this.alpha = alpha;
    this.paths = paths;
    this.self = self;
    this.keys = keys;
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
    if (c == self || c < 0 || !remember(c)) {
      return false;
    }
    int p = keys.position(c);
    long h = keys.hi(p) ^ th;
    long m = keys.mid(p) ^ tm;
    long l = keys.lo(p) ^ tl;
    long a = (h << 32) | (m >>> 32);
    long b = (m << 32) | (l >>> 32);
    long e = l & 0xFFFF_FFFFL;
    // The first place whose distance is not below the new one's.
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int cmp = Long.compareUnsigned(d0[mid], a);
      if (cmp == 0) {
        cmp = Long.compareUnsigned(d1[mid], b);
        if (cmp == 0) {
          cmp = Long.compare(d2[mid], e);
        }
      }
      if (cmp < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (n == address.length) {
      int cap = 2 * n;
      address = Arrays.copyOf(address, cap);
      d0 = Arrays.copyOf(d0, cap);
      d1 = Arrays.copyOf(d1, cap);
      d2 = Arrays.copyOf(d2, cap);
      this.depth = Arrays.copyOf(this.depth, cap);
      this.path = Arrays.copyOf(this.path, cap);
      state = Arrays.copyOf(state, cap);
    }
    int tail = n - lo;
    if (tail > 0) {
      System.arraycopy(address, lo, address, lo + 1, tail);
      System.arraycopy(d0, lo, d0, lo + 1, tail);
      System.arraycopy(d1, lo, d1, lo + 1, tail);
      System.arraycopy(d2, lo, d2, lo + 1, tail);
      System.arraycopy(this.depth, lo, this.depth, lo + 1, tail);
      System.arraycopy(this.path, lo, this.path, lo + 1, tail);
      System.arraycopy(state, lo, state, lo + 1, tail);
    }
    address[lo] = c;
    d0[lo] = a;
    d1[lo] = b;
    d2[lo] = e;
    this.depth[lo] = depth;
    this.path[lo] = path;
    state[lo] = UNASKED;
    n++;
    return true;
  }

  /** Adds {@code c} to the set of known addresses; false when it was there already. */
  private boolean remember(int c) {
    if (2 * (n + 1) > known.length) {
      int[] old = known;
      known = new int[2 * old.length];
      for (int x : old) {
        if (x != 0) {
          insert(x);
        }
      }
    }
    return insert(c + 1);
  }

  private boolean insert(int x) {
    int mask = known.length - 1;
    for (int i = (x * 0x9E3779B9) >>> 7 & mask; ; i = (i + 1) & mask) {
      int y = known[i];
      if (y == x) {
        return false;
      }
      if (y == 0) {
        known[i] = x;
        return true;
      }
    }
  }

  /** The next peers to ask (marked asked), keeping at most α in flight on each path. */
  int[] next() {
    if (over) {
      return NONE;
    }
    int[] out = null;
    int m = 0;
    for (int p = 0; p < paths; p++) {
      int seen = 0;
      for (int i = 0; i < n && seen < k && inFlight[p] < alpha; i++) {
        if (path[i] != p || state[i] == FAILED) {
          continue;
        }
        seen++;
        if (state[i] == UNASKED) {
          state[i] = ASKED;
          inFlight[p]++;
          rpcs++;
          if (out == null) {
            out = new int[alpha * paths];
          }
          out[m++] = address[i];
        }
      }
    }
    return out == null ? NONE : m == out.length ? out : Arrays.copyOf(out, m);
  }

  private static final int[] NONE = new int[0];

  /** {@code from} answered with {@code contacts} (a late answer after a timeout counts too). */
  void answered(int from, int[] contacts) {
    int i = indexOf(from);
    if (i < 0 || state[i] == ANSWERED) {
      return;
    }
    if (state[i] == ASKED) {
      inFlight[path[i]]--;
    }
    state[i] = ANSWERED;
    int d = depth[i] + 1;
    int p = path[i];
    maxDepth = Math.max(maxDepth, d - 1);
    for (int x : contacts) {
      add(x, d, p);
    }
  }

  /** {@code from} did not answer in time. */
  void failed(int from) {
    int i = indexOf(from);
    if (i >= 0 && state[i] == ASKED) {
      state[i] = FAILED;
      inFlight[path[i]]--;
    }
  }

  /** Depth of a candidate (for the peer that returned a value). */
  int depthOf(int address) {
    int i = indexOf(address);
    return i < 0 ? 0 : depth[i];
  }

  /** True when, on every path, the k closest candidates that have not failed have all answered. */
  boolean finished() {
    if (over) {
      return true;
    }
    for (int p = 0; p < paths; p++) {
      int seen = 0;
      for (int i = 0; i < n && seen < k; i++) {
        if (path[i] != p || state[i] == FAILED) {
          continue;
        }
        seen++;
        if (state[i] != ANSWERED) {
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
    int[] out = new int[Math.min(k, n)];
    int m = 0;
    for (int i = 0; i < n && m < out.length; i++) {
      if (state[i] == ANSWERED) {
        out[m++] = address[i];
      }
    }
    return m == out.length ? out : Arrays.copyOf(out, m);
  }

  /** Greatest depth among the peers in {@link #closest()}. */
  int hops() {
    int h = 0;
    int m = 0;
    for (int i = 0; i < n && m < k; i++) {
      if (state[i] == ANSWERED) {
        h = Math.max(h, depth[i]);
        m++;
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
    return indexOf(address) >= 0;
  }

  private int indexOf(int a) {
    for (int i = 0; i < n; i++) {
      if (address[i] == a) {
        return i;
      }
    }
    return -1;
  }
}
