package io.peerlab.core.overlay.dht;

import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Every peer's key of a run, in ascending key order, with the keys' three words in flat arrays for
 * binary searches that chase no pointer. Not something a peer knows: the ground truth that warm
 * starts (Chord's ring, Kademlia's buckets) and tests build from. Immutable; shared per directory
 * through a small weak cache, so that a million peers sort the directory once (it holds no
 * reference to the directory, so the entry goes when the run's directory does).
 */
public final class SortedKeys {
  private static final Map<Directory, SortedKeys> CACHE = new WeakHashMap<>();

  /** Addresses in key order. */
  final int[] order;
  /** Position of each address in {@link #order}. */
  final int[] position;
  /** The keys' words in key order: hi holds the top 32 bits, mid and lo 64 each. */
  final long[] hi;
  final long[] mid;
  final long[] lo;

  private SortedKeys(Directory directory) {
    int n = directory.size();
    // Sort by the top 32 bits packed with the address (a primitive sort), then order the rare
    // runs of equal top bits by the whole key.
    long[] packed = new long[n];
    for (int a = 0; a < n; a++) {
      // The sign bit flipped, so that the signed sort orders the top bits as unsigned.
      packed[a] = ((directory.get(a).key().hi() << 32) ^ Long.MIN_VALUE) | a;
    }
    Arrays.sort(packed);
    order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) packed[i];
    }
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < n && (packed[j] >>> 32) == (packed[i] >>> 32)) {
        j++;
      }
      if (j - i > 1) {
        Integer[] run = new Integer[j - i];
        for (int x = i; x < j; x++) {
          run[x - i] = order[x];
        }
        Arrays.sort(run, (x, y) -> directory.get(x).key().compareTo(directory.get(y).key()));
        for (int x = i; x < j; x++) {
          order[x] = run[x - i];
        }
      }
      i = j;
    }
    position = new int[n];
    hi = new long[n];
    mid = new long[n];
    lo = new long[n];
    for (int i = 0; i < n; i++) {
      position[order[i]] = i;
      hi[i] = directory.get(order[i]).key().hi();
      mid[i] = directory.get(order[i]).key().mid();
      lo[i] = directory.get(order[i]).key().lo();
    }
  }

  /** The sorted keys of every peer in {@code directory} (computed once per directory). */
  public static SortedKeys of(Directory directory) {
    synchronized (CACHE) {
      return CACHE.computeIfAbsent(directory, SortedKeys::new);
    }
  }

  public int size() {
    return order.length;
  }

  /** The address at position {@code i} in key order. */
  public int address(int i) {
    return order[i];
  }

  /** The position of {@code address} in key order. */
  public int position(int address) {
    return position[address];
  }

  // The arrays themselves, for a structure built on them (ChordRing): shared, never to be written.

  public int[] orderArray() {
    return order;
  }

  public int[] positionArray() {
    return position;
  }

  public long[] hiArray() {
    return hi;
  }

  public long[] midArray() {
    return mid;
  }

  public long[] loArray() {
    return lo;
  }

  public long hi(int i) {
    return hi[i];
  }

  public long mid(int i) {
    return mid[i];
  }

  public long lo(int i) {
    return lo[i];
  }

  /**
   * {@code directory.key(address).compareTo(k)}, as a sign, read from these arrays (routing
   * compares fingers' keys on every hop; this reads no directory entry or key object).
   */
  public int compareKeyOf(int address, Key k) {
    int p = position[address];
    long h = hi[p];
    if (h != k.hi()) {
      return h < k.hi() ? -1 : 1;
    }
    int c = Long.compareUnsigned(mid[p], k.mid());
    return c != 0 ? c : Long.compareUnsigned(lo[p], k.lo());
  }

  /** {@code directory.key(address).inOpen(a, b)}: the peer's key lies in the ring interval (a, b). */
  public boolean inOpen(int address, Key a, Key b) {
    return inOpen(address, a, b, a.compareTo(b));
  }

  /**
   * {@link #inOpen(int, Key, Key)} given {@code ab = a.compareTo(b)}, for a caller that tests many
   * peers against one interval (Chord's closest preceding finger, on every hop).
   */
  public boolean inOpen(int address, Key a, Key b, int ab) {
    if (ab < 0) {
      return compareKeyOf(address, a) > 0 && compareKeyOf(address, b) < 0;
    }
    if (ab > 0) {
      return compareKeyOf(address, a) > 0 || compareKeyOf(address, b) < 0;
    }
    return compareKeyOf(address, a) != 0;
  }

  /** Bit {@code bit} (0 = least significant, 159 = most) of the key at position {@code i}. */
  public boolean testBit(int i, int bit) {
    long w = bit >= 128 ? hi[i] : bit >= 64 ? mid[i] : lo[i];
    return ((w >>> (bit & 63)) & 1) != 0;
  }

  /**
   * The first position in [from, to) whose key has {@code bit} set, or {@code to}: the keys there
   * must agree on every bit above {@code bit}, so that those with it clear all come first.
   */
  public int firstWithBit(int from, int to, int bit) {
    int a = from;
    int b = to;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (testBit(m, bit)) {
        b = m;
      } else {
        a = m + 1;
      }
    }
    return a;
  }

  /**
   * The addresses of the {@code count} peers closest to {@code target} by XOR distance (Kademlia's
   * metric), closest first (fewer when there are fewer peers). Keys that share a longer prefix with
   * the target are closer than any that do not, so a walk down the bits visits the target's side
   * of each split before the other.
   */
  public int[] closestByXor(Key target, int count) {
    int[] out = new int[Math.min(count, order.length)];
    int n = xorWalk(0, order.length, Key.BITS - 1, target, out, 0);
    for (int i = 0; i < n; i++) {
      out[i] = order[out[i]];
    }
    return out;
  }

  /** Appends positions in [from, to) to {@code out} from {@code n}, closest first; the new n. */
  private int xorWalk(int from, int to, int bit, Key target, int[] out, int n) {
    while (n < out.length && from < to) {
      if (bit < 0 || to - from == 1) {
        for (int i = from; i < to && n < out.length; i++) {
          out[n++] = i;
        }
        return n;
      }
      int split = firstWithBit(from, to, bit);
      boolean set = target.testBit(bit);
      int sameFrom = set ? split : from;
      int sameTo = set ? to : split;
      n = xorWalk(sameFrom, sameTo, bit - 1, target, out, n);
      // Then the other side, in the same way.
      from = set ? from : split;
      to = set ? split : to;
      bit--;
    }
    return n;
  }
}
