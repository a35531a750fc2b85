package io.peerlab.core.overlay.chord;

import io.peerlab.core.id.Key;
import io.peerlab.core.peer.Directory;
import java.util.Arrays;
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
  private final Key[] keys;
  // The keys' words in ring order, for a binary search that does not chase pointers.
  private final long[] hi;
  private final long[] mid;
  private final long[] lo;

  private ChordRing(Directory directory) {
    int n = directory.size();
    Integer[] boxed = new Integer[n];
    for (int a = 0; a < n; a++) {
      boxed[a] = a;
    }
    Arrays.sort(boxed, (x, y) -> directory.get(x).key().compareTo(directory.get(y).key()));
    order = new int[n];
    position = new int[n];
    keys = new Key[n];
    hi = new long[n];
    mid = new long[n];
    lo = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = boxed[i];
      position[boxed[i]] = i;
      keys[i] = directory.get(boxed[i]).key();
      hi[i] = keys[i].hi();
      mid[i] = keys[i].mid();
      lo[i] = keys[i].lo();
    }
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
    // The first index whose key is >= key.
    int a = 0;
    int b = order.length;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (less(m, key)) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return order[a == order.length ? 0 : a];
  }

  private boolean less(int i, Key k) {
    if (hi[i] != k.hi()) {
      return hi[i] < k.hi();
    }
    if (mid[i] != k.mid()) {
      return Long.compareUnsigned(mid[i], k.mid()) < 0;
    }
    return Long.compareUnsigned(lo[i], k.lo()) < 0;
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
    return successorOf(keys[position[address]].plusPowerOfTwo(i));
  }
}
