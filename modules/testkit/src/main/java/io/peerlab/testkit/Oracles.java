package io.peerlab.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.peerlab.core.api.Directory;
import io.peerlab.core.id.Key;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apiguardian.api.API;

/** The usual answers to "who is responsible for this key", from the ids alone. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Oracles {
  private Oracles() {}

  /**
   * The key's successor on the identifier ring (the first peer whose key is at or after it,
   * wrapping), then the {@code replicas - 1} peers after it: Chord's and Consistent Hashing's
   * rule.
   */
  public static Oracle ringSuccessors(int replicas) {
    return new Oracle() {
      private Directory sortedFor;
      private int[] ring;

      @Override
      public int[] responsible(Directory d, Key key) {
        if (d != sortedFor) {
          ring = sorted(d, Comparator.comparing(a -> d.get(a).key()));
          sortedFor = d;
        }
        return successors(d, ring, key, replicas);
      }
    };
  }

  private static int[] successors(Directory d, int[] ring, Key key, int replicas) {
    int first = 0;
    while (first < ring.length && d.get(ring[first]).key().compareTo(key) < 0) {
      first++;
    }
    int n = Math.min(replicas, ring.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = ring[(first + i) % ring.length];
    }
    return out;
  }

  /** The {@code k} peers closest to the key by XOR distance, nearest first: Kademlia's rule. */
  public static Oracle xorClosest(int k) {
    return (d, key) -> {
      int[] all = sorted(d, Comparator.comparing(a -> d.get(a).key().xor(key)));
      return java.util.Arrays.copyOf(all, Math.min(k, all.length));
    };
  }

  private static int[] sorted(Directory d, Comparator<Integer> order) {
    return IntStream.range(0, d.size()).boxed().sorted(order).mapToInt(Integer::intValue).toArray();
  }
}
