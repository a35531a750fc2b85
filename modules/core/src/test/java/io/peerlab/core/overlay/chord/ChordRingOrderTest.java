package io.peerlab.core.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.Directory;
import io.peerlab.core.api.PeerInfo;
import io.peerlab.core.api.Role;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Link;
import io.peerlab.core.overlay.dht.SortedKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ideal ring that tests and the warm start rely on, against brute force. */
class ChordRingOrderTest {

  /** Keys with many equal top words, so that the tie-breaking path is exercised. */
  static Directory directory(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<PeerInfo> peers = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      Key k = new Key(r.nextInt(4) == 0 ? 0xFFFF_FFF0L : r.nextLong() & 0xFFFF_FFFFL, r.nextLong(),
          r.nextLong());
      peers.add(new PeerInfo(a, k, Role.BOTH, new Link(0, 0)));
    }
    return new Directory(peers);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void ring_ordersKeysAndFindsSuccessorsAndFingersLikeBruteForce(long seed) {
    Directory d = directory(500, seed);
    ChordRing ring = ChordRing.of(d);
    int[] sorted = IntStream.range(0, d.size()).boxed()
        .sorted((x, y) -> d.get(x).key().compareTo(d.get(y).key()))
        .mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < sorted.length; i++) {
      assertThat(ring.step(sorted[0], i)).isEqualTo(sorted[i]);
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int t = 0; t < 300; t++) {
      Key target = switch (t % 3) {
        case 0 -> new Key(r.nextLong() & 0xFFFF_FFFFL, r.nextLong(), r.nextLong());
        case 1 -> d.get(r.nextInt(d.size())).key(); // a peer's own key: that peer
        default -> new Key(0xFFFF_FFF0L, r.nextLong(), r.nextLong()); // the crowded prefix, and past it
      };
      assertThat(ring.successorOf(target)).isEqualTo(bruteSuccessor(d, sorted, target));
    }
    int[] starts = new int[FingerTable.SIZE];
    int[] nodes = new int[FingerTable.SIZE];
    for (int a = 0; a < d.size(); a += 7) {
      FingerTable ft = FingerTable.ofRuns(starts, nodes, ring.fingerRuns(a, starts, nodes));
      for (int i = 0; i < FingerTable.SIZE; i++) {
        Key start = d.get(a).key().plusPowerOfTwo(i);
        assertThat(ft.node(i)).as("finger %d of %d", i, a).isEqualTo(bruteSuccessor(d, sorted, start));
      }
    }
  }

  /**
   * rank and the position test of the closest preceding finger against key comparisons: the same
   * answer for every (peer, from, target), targets random, equal to a peer's key, in the crowded
   * prefix, or next to a key; and distinct() false once two peers share a key.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void positionTests_answerAsKeyComparisonsDo(long seed) {
    Directory d = directory(300, seed);
    ChordRing ring = ChordRing.of(d);
    SortedKeys keys = SortedKeys.of(d);
    assertThat(ring.distinct()).isTrue();
    SplittableRandom r = new SplittableRandom(seed);
    for (int t = 0; t < 400; t++) {
      Key pk = d.get(r.nextInt(d.size())).key();
      Key target = switch (t % 4) {
        case 0 -> new Key(r.nextLong() & 0xFFFF_FFFFL, r.nextLong(), r.nextLong());
        case 1 -> pk;
        case 2 -> new Key(0xFFFF_FFF0L, r.nextLong(), r.nextLong());
        default -> pk.add(Key.of(1));
      };
      int rank = ring.rank(target);
      long smaller = IntStream.range(0, d.size()).filter(a -> d.get(a).key().compareTo(target) < 0).count();
      assertThat(rank).isEqualTo((int) smaller);
      int from = t % 5 == 0 ? keysAddressOf(d, target, r) : r.nextInt(d.size());
      int order = d.get(from).key().compareTo(target);
      for (int a = 0; a < d.size(); a++) {
        assertThat(ring.inOpen(a, from, target, rank, order))
            .as("peer %d in (%d, target %d)", a, from, t)
            .isEqualTo(keys.inOpen(a, d.get(from).key(), target));
      }
    }
    List<PeerInfo> twins = new ArrayList<>();
    for (int a = 0; a < d.size(); a++) {
      twins.add(d.get(a));
    }
    twins.set(1, new PeerInfo(1, d.get(0).key(), Role.BOTH, new Link(0, 0)));
    Directory twinned = new Directory(twins);
    ChordRing twinRing = ChordRing.of(twinned);
    assertThat(twinRing.distinct()).isFalse();
    // Where two peers share a key, positions cannot tell them apart: the keys are compared.
    SortedKeys twinKeys = SortedKeys.of(twinned);
    for (int t = 0; t < 50; t++) {
      Key target = t % 2 == 0 ? twinned.get(0).key()
          : new Key(r.nextLong() & 0xFFFF_FFFFL, r.nextLong(), r.nextLong());
      int from = t % 3 == 0 ? 1 : r.nextInt(twinned.size());
      int order = twinned.get(from).key().compareTo(target);
      int rank = twinRing.rank(target);
      for (int a = 0; a < twinned.size(); a++) {
        assertThat(twinRing.inOpen(a, from, target, rank, order))
            .isEqualTo(twinKeys.inOpen(a, twinned.get(from).key(), target));
      }
    }
  }

  /** The peer whose key is the target when there is one (order 0), else a random peer. */
  private static int keysAddressOf(Directory d, Key target, SplittableRandom r) {
    for (int a = 0; a < d.size(); a++) {
      if (d.get(a).key().equals(target)) {
        return a;
      }
    }
    return r.nextInt(d.size());
  }

  private static int bruteSuccessor(Directory d, int[] sorted, Key k) {
    for (int a : sorted) {
      if (d.get(a).key().compareTo(k) >= 0) {
        return a;
      }
    }
    return sorted[0];
  }
}
