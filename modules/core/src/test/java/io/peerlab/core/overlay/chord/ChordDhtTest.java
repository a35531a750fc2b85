package io.peerlab.core.overlay.chord;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.StructuredRuns;
import io.peerlab.core.overlay.dht.DhtStore;
import io.peerlab.core.peer.PeerNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyword search, fetch and the warm start over the Chord DHT, nothing failing. */
class ChordDhtTest {

  static final ObjectsSpec OBJECTS = new ObjectsSpec(300, 32 * 1024, 16 * 1024, 0.8, 3, 60, 2);

  @ParameterizedTest(name = "{0} keyword(s) per query")
  @ValueSource(ints = {1, 2, 3})
  void search_findsEveryMatchingObject(int queryKeywords) {
    StructuredRuns.Run run =
        StructuredRuns.run(
            StructuredRuns.spec("chord", 11 + queryKeywords, 200, OBJECTS,
                StructuredRuns.mix(24, 600, 0, 1.0, 0, queryKeywords), ChordLookupTest.defaults()),
            nodes -> {});
    RunResult.OpSummary search = run.result().figures().ops().get("search");
    assertThat(search.failed()).isZero();
    assertThat(search.ok()).isEqualTo(600);
    assertThat(search.recall()).isEqualTo(1.0);
    assertThat(search.hops().mean()).isGreaterThan(1.0);
  }

  @Test
  void mixedOps_allSucceedAndDownloadsAreAnnounced() {
    StructuredRuns.Run run =
        StructuredRuns.run(
            StructuredRuns.spec("chord", 21, 160, OBJECTS,
                StructuredRuns.mix(32, 900, 0.4, 0.3, 0.3, 2), ChordLookupTest.defaults()),
            nodes -> {});
    for (RunResult.OpSummary s : run.result().figures().ops().values()) {
      assertThat(s.failed()).isZero();
    }
    assertThat(run.result().figures().ops().get("fetch").ok()).isPositive();
    assertThat(run.result().figures().ops().get("search").recall()).isEqualTo(1.0);
    // Each downloader is now a holder in the object's record, and holds the object.
    ChordRing ring = ChordRing.of(run.setup().directory());
    int announced = 0;
    for (int o = 0; o < run.setup().catalog().size(); o++) {
      int s = ring.successorOf(run.setup().catalog().id(o));
      DhtStore.ObjectRecord rec =
          ((ChordOverlay) run.peers().get(s).overlay()).dhtStore().object(run.setup().catalog().id(o));
      announced += rec.holders().length - run.setup().placement().holders(o).length;
      for (int h : rec.holders()) {
        assertThat(run.peers().get(h).store().has(o)).as("holder %d has object %d", h, o).isTrue();
      }
    }
    assertThat(announced).isPositive();
  }

  @Test
  void warmStart_buildsTheStableRingWithoutJoinTraffic() {
    ChordSettings warm = ChordLookupTest.defaults().withWarmStart(true);
    List<ChordLookupTest.Done> done = new ArrayList<>();
    StructuredRuns.Run run = ChordLookupTest.lookups(5, 3_000, warm, done);
    ChordRing ring = ChordRing.of(run.setup().directory());
    for (ChordLookupTest.Done d : done) {
      assertThat(d.responsible()[0]).isEqualTo(ring.successorOf(d.key()));
    }
    for (PeerNode p : run.peers()) {
      ChordOverlay c = (ChordOverlay) p.overlay();
      assertThat(c.successorList()).containsExactly(ring.successors(p.address(), 8));
      assertThat(c.predecessor()).isEqualTo(ring.predecessor(p.address()));
      for (int i = 0; i < FingerTable.SIZE; i += 7) {
        assertThat(c.finger(i)).isEqualTo(ring.finger(p.address(), i));
      }
    }
    assertThat(done).hasSize(ChordLookupTest.LOOKUPS);
  }
}
