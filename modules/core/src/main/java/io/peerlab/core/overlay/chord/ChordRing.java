package io.peerlab.core.overlay.chord;

import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.dht.SortedKeys;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The ideal ring of a run: every peer's key in ring order. Not something a Chord peer knows. It is
 * the ground truth tests check lookups and invariants against, and the source of the optional warm
 * start ({@link ChordSettings#warmStart()}), which gives each peer the state a perfectly
 * stabilised ring would give it. Immutable; shared per directory through a small weak cache so
 * that a million peers sort the directory once, not a million times (it holds no reference to the
 * directory, so the cache entry goes when the run's directory does).
 */
public final class ChordRing {
  private static final Map<Directory, ChordRing> CACHE = new WeakHashMap<>();

  private final int[] order;
  private final int[] position;
  // The keys' words in ring order (a key is its three words), for searches that chase no pointer.
  private final long[] hi;
  private final long[] mid;
  private final long[] lo;
  /**
   * A prefix index over the sorted keys: {@code first[b]} is the first position whose key's top
   * {@code prefixBits} bits are at least b ({@code first[2^prefixBits]} = n). With about one key
   * per prefix, finding a key's successor is a read of two entries and a probe or two nearby,
   * not a binary search across the whole ring (the warm start does 17 of them per peer).
   */
  private final int prefixBits;
  private final int[] first;
  /** True when no two peers share a key: then key order is position order ({@link #rank}). */
  private final boolean distinct;
  /** The sorted keys this ring is built on, for {@link #inOpen} when keys repeat. */
  private final SortedKeys sorted;

  private ChordRing(Directory directory) {
    // The sort is shared with Kademlia's warm start (the arrays are SortedKeys', never written).
    sorted = SortedKeys.of(directory);
    order = sorted.orderArray();
    position = sorted.positionArray();
    hi = sorted.hiArray();
    mid = sorted.midArray();
    lo = sorted.loArray();
    int n = order.length;
    // hi holds a key's top 32 bits; about one prefix per key, at most 2^24 prefixes.
    prefixBits = Math.min(24, Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1))));
    int prefixes = 1 << prefixBits;
    first = new int[prefixes + 1];
    int at = 0;
    for (int b = 0; b <= prefixes; b++) {
      while (at < n && (hi[at] >>> (32 - prefixBits)) < b) {
        at++;
      }
      first[b] = at;
    }
    boolean d = true;
    for (int i = 1; i < n && d; i++) {
      d = hi[i] != hi[i - 1] || mid[i] != mid[i - 1] || lo[i] != lo[i - 1];
    }
    distinct = d;
  }

  /** True when no two peers share a key, so that {@link #rank} orders peers as their keys do. */
  public boolean distinct() {
    return distinct;
  }

  /** The position of {@code address} in key order (0 = the smallest key). */
  public int position(int address) {
    return position[address];
  }

  /**
   * How many peers' keys are smaller than {@code key} (0 to size): with {@link #distinct} keys, a
   * peer's key is smaller than {@code key} exactly when its {@link #position} is below this.
   */
  public int rank(Key key) {
    return searchAtOrAfter(key.hi(), key.mid(), key.lo());
  }

  /**
   * {@code SortedKeys.inOpen(address, key(from), target)}: the peer's key lies in the ring interval
   * from {@code from}'s key to the target, both open. {@code rank} is {@link #rank}(target), {@code
   * order} is key(from) compared with the target. With {@link #distinct} keys it is a test of
   * positions alone (Chord's closest preceding finger tests many peers against one interval on
   * every hop); else the keys are compared.
   */
  public boolean inOpen(int address, int from, Key target, int rank, int order) {
    if (!distinct) {
      int f = position[from];
      return sorted.inOpen(address, new Key(hi[f], mid[f], lo[f]), target, order);
    }
    int p = position[address];
    int self = position[from];
    if (order < 0) {
      return p > self && p < rank;
    }
    if (order > 0) {
      return p > self || p < rank;
    }
    return p != self;
  }

  /** The ring of every peer in {@code directory} (computed once per directory). */
  public static ChordRing of(Directory directory) {
    synchronized (CACHE) {
      return CACHE.computeIfAbsent(directory, ChordRing::new);
    }
  }

  public int size() {
    return order.length;
  }

  /** The peer responsible for {@code key}: the first peer whose key is equal to or follows it. */
  public int successorOf(Key key) {
    return order[firstAtOrAfter(key.hi(), key.mid(), key.lo())];
  }

  /** The peer {@code steps} places clockwise from {@code address} (negative: counter-clockwise). */
  public int step(int address, int steps) {
    int n = order.length;
    return order[Math.floorMod(position[address] + steps, n)];
  }

  /** The r peers following {@code address} (fewer in a ring of r peers or less). */
  public int[] successors(int address, int r) {
    int count = Math.min(r, order.length - 1);
    if (count == 0) {
      return new int[] {address};
    }
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = step(address, i + 1);
    }
    return out;
  }

  public int predecessor(int address) {
    return step(address, -1);
  }

  /** True finger i of {@code address}: successor of key + 2^i. */
  public int finger(int address, int i) {
    int p = position[address];
    return successorOf(new Key(hi[p], mid[p], lo[p]).plusPowerOfTwo(i)); // (its key, from its words)
  }

  /**
   * The finger table a perfectly stabilised ring gives {@code address}, as runs of equal fingers
   * (see {@link FingerTable}): fills {@code starts} and {@code nodes} (each at least 160 long) and
   * returns the number of runs. Primitive arithmetic on the sorted words: no key is allocated, so a
   * million peers can be warm-started quickly.
   */
  int fingerRuns(int address, int[] starts, int[] nodes) {
    int n = order.length;
    int p = position[address];
    if (n == 1) {
      starts[0] = 0;
      nodes[0] = address;
      return 1;
    }
    long kh = hi[p];
    long km = mid[p];
    long kl = lo[p];
    int runs = 0;
    int i = 0;
    while (i < Key.BITS) {
      // target = key + 2^i mod 2^160
      long th = kh;
      long tm = km;
      long tl = kl;
      if (i < 64) {
        long sum = tl + (1L << i);
        if (Long.compareUnsigned(sum, tl) < 0) {
          tm++;
          if (tm == 0) {
            th++;
          }
        }
        tl = sum;
      } else if (i < 128) {
        long sum = tm + (1L << (i - 64));
        if (Long.compareUnsigned(sum, tm) < 0) {
          th++;
        }
        tm = sum;
      } else {
        th += 1L << (i - 128);
      }
      th &= 0xFFFF_FFFFL;
      int q = firstAtOrAfter(th, tm, tl);
      int f = order[q];
      int hb = f == address ? -1 : highestBitOfDistance(p, q);
      runs = push(starts, nodes, runs, i, f);
      if (hb < i) {
        break;
      }
      i = hb + 1;
    }
    return runs;
  }

  private static int push(int[] starts, int[] nodes, int runs, int start, int node) {
    if (runs > 0 && nodes[runs - 1] == node) {
      return runs;
    }
    starts[runs] = start;
    nodes[runs] = node;
    return runs + 1;
  }

  /** Index of the first key >= (h, m, l), wrapping to 0 past the last. */
  private int firstAtOrAfter(long h, long m, long l) {
    int a = searchAtOrAfter(h, m, l);
    return a == order.length ? 0 : a;
  }

  /** Index of the first key >= (h, m, l), or size when there is none. */
  private int searchAtOrAfter(long h, long m, long l) {
    // Only keys with the target's prefix can be smaller than it and still follow every key of a
    // smaller prefix; the answer is among them or the first key after them.
    int prefix = (int) (h >>> (32 - prefixBits));
    int a = first[prefix];
    int b = first[prefix + 1];
    while (a < b) {
      int x = (a + b) >>> 1;
      boolean less = hi[x] != h ? hi[x] < h
          : mid[x] != m ? Long.compareUnsigned(mid[x], m) < 0
          : Long.compareUnsigned(lo[x], l) < 0;
      if (less) {
        a = x + 1;
      } else {
        b = x;
      }
    }
    return a;
  }

  /** highestBit((key[q] - key[p]) mod 2^160). */
  private int highestBitOfDistance(int p, int q) {
    long l = lo[q] - lo[p];
    long borrow = Long.compareUnsigned(lo[q], lo[p]) < 0 ? 1 : 0;
    long m1 = mid[q] - mid[p];
    long b1 = Long.compareUnsigned(mid[q], mid[p]) < 0 ? 1 : 0;
    long m = m1 - borrow;
    long b2 = (borrow == 1 && m1 == 0) ? 1 : 0;
    long h = (hi[q] - hi[p] - b1 - b2) & 0xFFFF_FFFFL;
    if (h != 0) {
      return 128 + 63 - Long.numberOfLeadingZeros(h);
    }
    if (m != 0) {
      return 64 + 63 - Long.numberOfLeadingZeros(m);
    }
    return l == 0 ? -1 : 63 - Long.numberOfLeadingZeros(l);
  }
}
