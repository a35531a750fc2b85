package io.peerlab.core.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.content.Catalog;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.content.Placement;
import io.peerlab.core.id.Key;
import io.peerlab.core.overlay.StructuredRuns;
import io.peerlab.core.overlay.dht.DhtSettings;
import io.peerlab.core.overlay.dht.DhtStore;
import io.peerlab.core.overlay.dht.Keywords;
import io.peerlab.core.peer.PeerNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ring invariants after the join protocol (property-style: several seeds and sizes): every peer
 * has joined and holds exactly the state of a perfectly stabilised ring -- its r successors, its
 * predecessor and all 160 fingers -- and every published value sits on its key's successor and
 * the next r-1 peers.
 */
class ChordRingTest {

  static final ObjectsSpec OBJECTS = new ObjectsSpec(150, 8 * 1024, 8 * 1024, 0.0, 2, 40, 2);

  @ParameterizedTest(name = "seed {0}, {1} peers, r = {2}")
  @CsvSource({"1, 64, 8", "2, 150, 4", "3, 300, 8", "4, 500, 3", "5, 777, 8"})
  void joins_giveEveryPeerItsTrueSuccessorsPredecessorAndFingers(long seed, int n, int r) {
    // Settle long enough for one full fix_fingers pass (about log2 N + 3 periods) after the last
    // join, so that every finger, not only the successors, has been refreshed.
    ChordSettings settings = ChordLookupTest.defaults().withSuccessors(r).withSettleNanos(20_000_000_000L);
    StructuredRuns.Run run =
        StructuredRuns.run(
            StructuredRuns.spec("chord", seed, n, OBJECTS, StructuredRuns.lookups(8, 16), settings,
                new DhtSettings(r)),
            nodes -> {});
    assertThat(run.outcome().notes()).isEmpty();
    ChordRing ring = ChordRing.of(run.setup().directory());
    for (PeerNode p : run.peers()) {
      ChordOverlay c = (ChordOverlay) p.overlay();
      int a = p.address();
      assertThat(c.member()).as("peer %d joined", a).isTrue();
      assertThat(c.successorList()).as("successors of %d", a).containsExactly(ring.successors(a, r));
      assertThat(c.predecessor()).as("predecessor of %d", a).isEqualTo(ring.predecessor(a));
      for (int i = 0; i < FingerTable.SIZE; i++) {
        assertThat(c.finger(i)).as("finger %d of %d", i, a).isEqualTo(ring.finger(a, i));
      }
      // About log2 N distinct fingers, not 160.
      assertThat(c.fingerRuns()).isLessThanOrEqualTo(2 * (32 - Integer.numberOfLeadingZeros(n)) + 2);
    }
    assertValuesOnResponsiblePeers(run, ring, r);
  }

  /**
   * Every object record and posting entry is on its key's successor and the next r-1 peers
   * ({@code dht.replicas = r}).
   */
  static void assertValuesOnResponsiblePeers(StructuredRuns.Run run, ChordRing ring, int r) {
    Catalog catalog = run.setup().catalog();
    Placement placement = run.setup().placement();
    List<PeerNode> peers = run.peers();
    int copies = Math.min(r, peers.size());
    for (int o = 0; o < catalog.size(); o++) {
      Key id = catalog.id(o);
      int s = ring.successorOf(id);
      for (int i = 0; i < copies; i++) {
        DhtStore store = ((ChordOverlay) peers.get(ring.step(s, i)).overlay()).dhtStore();
        DhtStore.ObjectRecord rec = store.object(id);
        assertThat(rec).as("record of object %d on replica %d", o, i).isNotNull();
        assertThat(rec.holders()).contains(placement.holders(o));
        for (String w : catalog.keywords(o)) {
          Key kw = Keywords.key(w);
          DhtStore ks = ((ChordOverlay) peers.get(ring.step(ring.successorOf(kw), i)).overlay())
              .dhtStore();
          assertThat(ks.postings(kw)).as("posting list of %s", w).contains(id);
        }
      }
      DhtStore outside = ((ChordOverlay) peers.get(ring.step(s, copies)).overlay()).dhtStore();
      if (copies < peers.size()) {
        assertThat(outside.object(id)).as("no copy beyond the r responsible peers").isNull();
      }
    }
  }

}
