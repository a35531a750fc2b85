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
