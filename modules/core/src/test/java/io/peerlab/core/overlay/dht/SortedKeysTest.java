package io.peerlab.core.overlay.dht;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.Directory;
import io.peerlab.core.api.PeerInfo;
import io.peerlab.core.api.Role;
import io.peerlab.core.id.Key;
import io.peerlab.core.net.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SortedKeysTest {

  /** Keys that share words with each other, so that every word of the comparison decides once. */
  private static Key key(SplittableRandom r) {
    long[] words = {0, 1, 0xFFFF_FFFFL, 0x8000_0000L};
    long hi = r.nextBoolean() ? words[r.nextInt(words.length)] : r.nextLong() & 0xFFFF_FFFFL;
    long mid = r.nextBoolean() ? new long[] {0, -1, Long.MIN_VALUE, 1}[r.nextInt(4)] : r.nextLong();
    long lo = r.nextBoolean() ? new long[] {0, -1, Long.MIN_VALUE, 1}[r.nextInt(4)] : r.nextLong();
    return new Key(hi, mid, lo);
  }

  @Test
  void agreesWithKeyOnEveryIntervalAndComparison() {
    SplittableRandom r = new SplittableRandom(15);
    List<PeerInfo> peers = new ArrayList<>();
    for (int a = 0; a < 64; a++) {
      peers.add(new PeerInfo(a, key(r), Role.BOTH, new Link(0, 0)));
    }
    Directory d = new Directory(peers);
    SortedKeys w = SortedKeys.of(d);
    assertThat(SortedKeys.of(d)).isSameAs(w);
    int checked = 0;
    for (int i = 0; i < 20_000; i++) {
      int p = r.nextInt(peers.size());
      Key k = d.key(p);
      // Interval ends: other peers' keys (also the peer's own), or fresh keys.
      Key a = r.nextInt(3) == 0 ? k : r.nextBoolean() ? d.key(r.nextInt(64)) : key(r);
      Key b = r.nextInt(5) == 0 ? a : r.nextBoolean() ? d.key(r.nextInt(64)) : key(r);
      assertThat(w.inOpen(p, a, b)).as("%s in (%s, %s)", k, a, b).isEqualTo(k.inOpen(a, b));
      assertThat(w.compareKeyOf(p, a)).isEqualTo(Integer.signum(k.compareTo(a)));
      checked++;
    }
    assertThat(checked).isEqualTo(20_000);
  }
}
