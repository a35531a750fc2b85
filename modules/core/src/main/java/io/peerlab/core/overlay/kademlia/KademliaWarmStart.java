package io.peerlab.core.overlay.kademlia;

import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.dht.SortedKeys;
import java.util.SplittableRandom;

/**
 * The warm start ({@link KademliaSettings#warmStart()}): a peer's k-buckets filled from the sorted
 * list of every peer's key, as a finished run of the join protocol would fill them, with no message
 * sent. A fast start for very large networks, not a run of the join protocol.
 *
 * <p>What the joins leave, and so what this builds: bucket i holds min(k, P_i) contacts, P_i being
 * the number of peers at XOR distance [2^i, 2^(i+1)); a bucket takes every peer of its range while
 * fewer than k contacts lie in the buckets below it ({@link RoutingTable}'s rule for the peer's own
 * neighbourhood). Which k of a larger range is a uniform sample drawn with the peer's own random
 * stream. The joins' choice differs in detail (a bucket keeps the first k peers it heard from) but
 * not in what routing needs: {@code KademliaWarmStartTest} checks the occupancy per bucket and the
 * lookup answers against a run of the join protocol.
 *
 * <p>How: with the keys sorted, the peers sharing this peer's top j bits form one contiguous range,
 * and bucket i is the half of the range of the top 159 - i bits whose bit i differs from this
 * peer's: one binary search per bit, from the top down, until the range holds this peer alone
 * (about log2 N + 2 steps).
 */
final class KademliaWarmStart {
  private KademliaWarmStart() {}

  /** Fills {@code table}, which must be empty, for peer {@code self}; contacts seen at {@code now}. */
  static void fill(RoutingTable table, int self, SortedKeys keys, int k, SplittableRandom random,
      long now) {
    int p = keys.position(self);
    int[] rangeFrom = new int[Key.BITS];
    int[] rangeTo = new int[Key.BITS];
    int from = 0;
    int to = keys.size();
    for (int bit = Key.BITS - 1; bit >= 0 && to - from > 1; bit--) {
      int split = keys.firstWithBit(from, to, bit);
      if (keys.testBit(p, bit)) {
        rangeFrom[bit] = from;
        rangeTo[bit] = split;
        from = split;
      } else {
        rangeFrom[bit] = split;
        rangeTo[bit] = to;
        to = split;
      }
    }
    // How many each bucket takes, from the closest bucket up, then the contacts in one array.
    int[] take = new int[Key.BITS];
    int first = Key.BITS;
    int total = 0;
    for (int bit = 0; bit < Key.BITS; bit++) {
      int size = rangeTo[bit] - rangeFrom[bit];
      if (size > 0) {
        take[bit] = total < k ? size : Math.min(k, size);
        total += take[bit];
        first = Math.min(first, bit);
      }
    }
    if (total == 0) {
      return;
    }
    int[] contacts = new int[total];
    int[] starts = new int[Key.BITS - first + 1];
    int n = 0;
    for (int bit = first; bit < Key.BITS; bit++) {
      starts[bit - first] = n;
      sample(keys, rangeFrom[bit], rangeTo[bit] - rangeFrom[bit], take[bit], random, contacts, n);
      n += take[bit];
    }
    starts[Key.BITS - first] = n;
    table.warm(first, contacts, starts, now);
  }

  /**
   * {@code take} distinct addresses of the positions [from, from + size), uniformly drawn, into
   * {@code out} at {@code at}.
   */
  private static void sample(SortedKeys keys, int from, int size, int take, SplittableRandom random,
      int[] out, int at) {
    if (take == size) {
      for (int i = 0; i < take; i++) {
        out[at + i] = keys.address(from + i);
      }
      return;
    }
    int n = 0;
    while (n < take) {
      int a = keys.address(from + random.nextInt(size));
      boolean dup = false;
      for (int i = 0; i < n && !dup; i++) {
        dup = out[at + i] == a;
      }
      if (!dup) {
        out[at + n++] = a;
      }
    }
  }
}
