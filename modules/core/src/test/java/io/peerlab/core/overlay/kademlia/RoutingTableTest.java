package io.peerlab.core.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.Directory;
import io.peerlab.core.api.PeerInfo;
import io.peerlab.core.api.Role;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Link;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingTableTest {

  static Directory directory(int n, long seed) {
    List<PeerInfo> peers = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      peers.add(new PeerInfo(a, Key.sha1("rt-" + seed + "-" + a), Role.BOTH, new Link(0, 0)));
    }
    return new Directory(peers);
  }

  static int[] bruteForce(Directory d, Key target, int count, int... excluded) {
    return IntStream.range(0, d.size())
        .filter(a -> IntStream.of(excluded).noneMatch(x -> x == a))
        .boxed()
        .sorted(Comparator.comparing(a -> d.get(a).key().xor(target)))
        .limit(count)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void closest_matchesABruteForceXorSort(long seed) {
    Directory d = directory(600, seed);
    RoutingTable t = new RoutingTable(0, 1_000, d);
    for (int a = 1; a < d.size(); a++) {
      t.offer(a, a, Long.MAX_VALUE);
    }
    assertThat(t.size()).isEqualTo(d.size() - 1);
    SplittableRandom r = new SplittableRandom(seed);
    closestMatchBruteForce(d, t, r, seed);
  }

  /** With k = 20 the buckets past the target's are full and only a few of each are taken. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void closest_withFullBuckets_matchesABruteForceXorSort(long seed) {
    Directory d = directory(3_000, seed);
    RoutingTable t = new RoutingTable(0, 20, d);
    for (int a = 1; a < d.size(); a++) {
      t.offer(a, a, Long.MAX_VALUE);
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 300; i++) {
      // Targets near self too: their bucket is nearly empty, and later buckets fill the answer.
      Key target = i % 3 == 0 ? Key.sha1("target-" + seed + i) : nearSelf(d, r);
      int[] known = t.all();
      int exclude = i % 2 == 0 ? known[r.nextInt(known.length)] : -1;
      int count = 1 + r.nextInt(24);
      int[] want = java.util.Arrays.stream(known).boxed()
          .filter(a -> a != exclude)
          .sorted(Comparator.comparing(a -> d.get(a).key().xor(target)))
          .limit(count).mapToInt(Integer::intValue).toArray();
      assertThat(t.closest(target, count, exclude)).as("closest %d to %s", count, target).containsExactly(want);
    }
  }

  /** A key sharing many leading bits with peer 0's. */
  private static Key nearSelf(Directory d, SplittableRandom r) {
    Key self = d.get(0).key();
    Key noise = Key.sha1("noise-" + r.nextLong());
    int keep = 8 + r.nextInt(16); // leading bits in common
    java.math.BigInteger mask = java.math.BigInteger.ONE.shiftLeft(Key.BITS - keep).subtract(java.math.BigInteger.ONE);
    java.math.BigInteger v = self.toBigInteger().andNot(mask).or(noise.toBigInteger().and(mask));
    return Key.of(v);
  }

  private static void closestMatchBruteForce(Directory d, RoutingTable t, SplittableRandom r, long seed) {
    for (int i = 0; i < 200; i++) {
      Key target = i % 10 == 0 ? d.get(r.nextInt(d.size())).key() : Key.sha1("target-" + seed + i);
      int exclude = 1 + r.nextInt(d.size() - 1);
      int count = 1 + r.nextInt(40);
      assertThat(t.closest(target, count, exclude))
          .as("closest %d to %s", count, target)
          .containsExactly(bruteForce(d, target, count, 0, exclude));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {4, 5, 6})
  void offer_alwaysKeepsTheKContactsClosestToSelf(long seed) {
    int k = 5;
    Directory d = directory(2_000, seed);
    RoutingTable t = new RoutingTable(0, k, d);
    SplittableRandom r = new SplittableRandom(seed);
    int[] order = IntStream.range(1, d.size()).toArray();
    for (int i = order.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int x = order[i];
      order[i] = order[j];
      order[j] = x;
    }
    for (int a : order) {
      t.offer(a, 1, Long.MAX_VALUE);
    }
    for (int a : bruteForce(d, d.get(0).key(), k, 0)) {
      assertThat(t.contains(a)).as("neighbour %d kept", a).isTrue();
    }
    for (int b = 0; b < Key.BITS; b++) {
      KBucket bucket = t.bucket(b);
      if (bucket != null) {
        for (int c : bucket.contacts()) {
          assertThat(t.bucketOf(c)).isEqualTo(b);
        }
      }
    }
    assertThat(t.size()).isLessThan(d.size() / 4);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 8})
  void offer_capsBucketsBeyondTheNeighbourhoodAtK(long seed) {
    int k = 4;
    Directory d = directory(1_000, seed);
    RoutingTable t = new RoutingTable(0, k, d);
    int[] near = bruteForce(d, d.get(0).key(), k, 0);
    for (int a : near) {
      t.offer(a, 1, Long.MAX_VALUE);
    }
    for (int a = 1; a < d.size(); a++) {
      t.offer(a, 2, Long.MAX_VALUE);
    }
    int farthestNear = t.bucketOf(near[k - 1]);
    for (int b = farthestNear + 1; b < Key.BITS; b++) {
      if (t.bucket(b) != null) {
        assertThat(t.bucket(b).size()).as("bucket %d", b).isLessThanOrEqualTo(k);
      }
    }
    assertThat(t.bucket(159).size()).isEqualTo(k);
  }

  @ParameterizedTest(name = "bucket {0}")
  @ValueSource(ints = {0, 5, 63, 64, 100, 127, 128, 150, 159})
  void randomKeyIn_landsInTheBucket(int bucket) {
    Directory d = directory(2, 9);
    RoutingTable t = new RoutingTable(0, 20, d);
    SplittableRandom r = new SplittableRandom(bucket);
    for (int i = 0; i < 50; i++) {
      Key k = t.randomKeyIn(bucket, r);
      assertThat(d.get(0).key().xor(k).highestBit()).isEqualTo(bucket);
    }
  }
}
