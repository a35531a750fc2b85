package org.example.pastry;

import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;
import java.util.stream.IntStream;

/**
 * Every peer of a run sorted by id, built once per run and shared by its peers: what the warm
 * start reads to fill each peer's leaf set and routing table at once (as if every peer had joined
 * and the tables had converged), instead of N joins of the paper's §2.4.
 */
final class PastryRing {
  private static final Map<Directory, PastryRing> RINGS = new WeakHashMap<>();

  final int[] order;
  final Key[] keys;
  final int[] position;

  private PastryRing(Directory d) {
    order =
        IntStream.range(0, d.size()).boxed()
            .sorted((x, y) -> d.get(x).key().compareTo(d.get(y).key()))
            .mapToInt(Integer::intValue).toArray();
    keys = new Key[order.length];
    position = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      keys[i] = d.get(order[i]).key();
      position[order[i]] = i;
    }
  }

  static PastryRing of(Directory d) {
    synchronized (RINGS) {
      return RINGS.computeIfAbsent(d, PastryRing::new);
    }
  }

  int size() {
    return order.length;
  }

  /** The address {@code steps} positions after (or before, when negative) {@code address}. */
  int step(int address, int steps) {
    int n = order.length;
    return order[Math.floorMod(position[address] + steps, n)];
  }

  /** Index of the first key >= {@code k} (size() when none). */
  int lowerBound(Key k) {
    int i = Arrays.binarySearch(keys, k);
    return i >= 0 ? i : -i - 1;
  }

  /**
   * A peer whose id starts with the first {@code length} digits of {@code k} and then {@code
   * next}, or -1: one of them drawn from {@code random}, so that routing load spreads over the
   * candidates as proximity does in the paper.
   */
  int withPrefix(Key k, int length, int next, SplittableRandom random) {
    int lo = lowerBound(Digits.prefixBound(k, length, next, true));
    int hi = lowerBound(Digits.prefixBound(k, length, next, false).add(Key.of(1)));
    if (Digits.prefixBound(k, length, next, false).equals(Key.MAX)) {
      hi = keys.length;
    }
    return hi > lo ? order[lo + random.nextInt(hi - lo)] : -1;
  }
}
