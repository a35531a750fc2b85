package io.peerlab.core.overlay.chord;

import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Every peer's key as three words in one flat array by address, so that the ring-interval tests of
 * routing ({@link Key#inOpen} on a finger's key, on every hop) read one cache line per peer instead
 * of a directory entry and a key object. The same keys the directory holds; shared per directory
 * through a small weak cache, as {@link ChordRing} is (it holds no reference to the directory).
 */
final class KeyWords {
  private static final Map<Directory, KeyWords> CACHE = new WeakHashMap<>();

  /** Peer a's key: [3a] hi, [3a + 1] mid, [3a + 2] lo. */
  private final long[] w;

  private KeyWords(Directory directory) {
    int n = directory.size();
    w = new long[3 * n];
    for (int a = 0; a < n; a++) {
      Key k = directory.key(a);
      w[3 * a] = k.hi();
      w[3 * a + 1] = k.mid();
      w[3 * a + 2] = k.lo();
    }
  }

  static KeyWords of(Directory directory) {
    synchronized (CACHE) {
      return CACHE.computeIfAbsent(directory, KeyWords::new);
    }
  }

  /** {@code key(address).compareTo(k)}, as a sign. */
  int compare(int address, Key k) {
    int b = 3 * address;
    long h = w[b];
    if (h != k.hi()) {
      return h < k.hi() ? -1 : 1;
    }
    int c = Long.compareUnsigned(w[b + 1], k.mid());
    return c != 0 ? c : Long.compareUnsigned(w[b + 2], k.lo());
  }

  /** {@code key(address).inOpen(a, b)}: the peer's key lies in the ring interval (a, b). */
  boolean inOpen(int address, Key a, Key b) {
    int ab = a.compareTo(b);
    if (ab < 0) {
      return compare(address, a) > 0 && compare(address, b) < 0;
    }
    if (ab > 0) {
      return compare(address, a) > 0 || compare(address, b) < 0;
    }
    return compare(address, a) != 0;
  }
}
