package io.peerlab.core.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.Directory;
import io.peerlab.core.api.PeerInfo;
import io.peerlab.core.api.Role;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Link;
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

  private static int bruteSuccessor(Directory d, int[] sorted, Key k) {
    for (int a : sorted) {
      if (d.get(a).key().compareTo(k) >= 0) {
        return a;
      }
    }
    return sorted[0];
  }
}
