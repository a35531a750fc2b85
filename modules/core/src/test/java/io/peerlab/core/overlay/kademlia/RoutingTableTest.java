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
    return nearest(d, IntStream.range(0, d.size()).toArray(), target, count, excluded);
  }

  /** The {@code count} of {@code candidates} nearest to {@code target} by XOR, nearest first. */
  static int[] nearest(Directory d, int[] candidates, Key target, int count, int... excluded) {
    return IntStream.of(candidates)
        .filter(a -> IntStream.of(excluded).noneMatch(x -> x == a))
        .boxed()
        .sorted(Comparator.comparing(a -> d.get(a).key().xor(target)))
        .limit(count)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * {@code closest} gives exactly {@code expected} (nearest first), and {@code closestUnordered}
   * the same contacts in any order.
   */
  private static void assertClosest(RoutingTable t, Key target, int count, int exclude, int[] expected) {
    assertThat(t.closest(target, count, exclude))
        .as("closest %d to %s", count, target)
        .containsExactly(expected);
    assertThat(t.closestUnordered(target, count, exclude))
        .as("the same contacts, unordered")
        .containsExactlyInAnyOrder(expected);
  }

  /** Peer 0's table with every other peer offered to it. */
  private static RoutingTable filled(Directory d, int k) {
    RoutingTable t = new RoutingTable(0, k, d);
    for (int a = 1; a < d.size(); a++) {
      t.offer(a, a, Long.MAX_VALUE);
    }
    return t;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void closest_matchesABruteForceXorSort(long seed) {
    Directory d = directory(600, seed);
    RoutingTable t = filled(d, 1_000);
    assertThat(t.size()).isEqualTo(d.size() - 1);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 200; i++) {
      Key target = i % 10 == 0 ? d.get(r.nextInt(d.size())).key() : Key.sha1("target-" + seed + i);
      int exclude = 1 + r.nextInt(d.size() - 1);
      int count = 1 + r.nextInt(40);
      assertClosest(t, target, count, exclude, bruteForce(d, target, count, 0, exclude));
    }
  }

  /**
   * With k = 20 the buckets fill, and a target near self takes its answer mostly from the buckets
   * past its own, a few contacts from each.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void closest_withFullBuckets_matchesABruteForceXorSort(long seed) {
    Directory d = directory(3_000, seed);
    RoutingTable t = filled(d, 20);
    int[] known = t.all();
    assertThat(known.length).isLessThan(d.size() - 1); // full buckets turned peers away
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 300; i++) {
      Key target = i % 3 == 0 ? Key.sha1("target-" + seed + i) : nearSelf(d, r);
      int exclude = i % 2 == 0 ? known[r.nextInt(known.length)] : -1;
      int count = 1 + r.nextInt(24);
      assertClosest(t, target, count, exclude, nearest(d, known, target, count, exclude));
    }
  }

  /**
   * Keys that agree on their top 96 bits (one hi word, the top half of mid), targets too: every
   * XOR distance ties on the top bits a bucket is sorted by, so the whole distance decides (the
   * tie pass of {@code RoutingTable.take}); with k = 20 and 64.
   */
  @ParameterizedTest(name = "k = {0}")
  @ValueSource(ints = {20, 64})
  void closest_ordersDistancesThatTieOnTheirTopBits(int k) {
    SplittableRandom r = new SplittableRandom(k);
    long hi = 0x1234_5678L;
    long midTop = 0x9ABC_DEF0L << 32;
    List<PeerInfo> peers = new ArrayList<>();
    for (int a = 0; a < 400; a++) {
      Key key = new Key(hi, midTop | (r.nextLong() & 0xFFFF_FFFFL), r.nextLong());
      peers.add(new PeerInfo(a, key, Role.BOTH, new Link(0, 0)));
    }
    Directory d = new Directory(peers);
    RoutingTable t = filled(d, k);
    int[] known = t.all();
    for (int i = 0; i < 200; i++) {
      Key target = i % 4 == 0 ? d.get(r.nextInt(d.size())).key()
          : new Key(hi, midTop | (r.nextLong() & 0xFFFF_FFFFL), r.nextLong());
      int exclude = i % 2 == 0 ? known[r.nextInt(known.length)] : -1;
      int count = 1 + r.nextInt(k + 4);
      assertClosest(t, target, count, exclude, nearest(d, known, target, count, exclude));
    }
  }

  /** A key sharing 8 to 23 leading bits with peer 0's. */
  private static Key nearSelf(Directory d, SplittableRandom r) {
    java.math.BigInteger self = d.get(0).key().toBigInteger();
    java.math.BigInteger noise = Key.sha1("noise-" + r.nextLong()).toBigInteger();
    int keep = 8 + r.nextInt(16);
    java.math.BigInteger low = java.math.BigInteger.ONE.shiftLeft(Key.BITS - keep).subtract(java.math.BigInteger.ONE);
    return Key.of(self.andNot(low).or(noise.and(low)));
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
