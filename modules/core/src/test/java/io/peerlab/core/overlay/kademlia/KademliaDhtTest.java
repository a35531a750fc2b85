package io.peerlab.core.overlay.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.StructuredRuns;
import io.peerlab.core.overlay.dht.DhtStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyword search and fetch over the Kademlia DHT, nothing failing. */
class KademliaDhtTest {

  static final ObjectsSpec OBJECTS = new ObjectsSpec(300, 32 * 1024, 16 * 1024, 0.8, 3, 60, 2);

  @ParameterizedTest(name = "{0} keyword(s) per query")
  @ValueSource(ints = {1, 2, 3})
  void search_findsEveryMatchingObject(int queryKeywords) {
    StructuredRuns.Run run =
        StructuredRuns.run(
            StructuredRuns.spec("kademlia", 31 + queryKeywords, 200, OBJECTS,
                StructuredRuns.mix(24, 600, 0, 1.0, 0, queryKeywords),
                KademliaLookupTest.defaults()),
            nodes -> {});
    RunResult.OpSummary search = run.result().figures().ops().get("search");
    assertThat(search.failed()).isZero();
    assertThat(search.ok()).isEqualTo(600);
    assertThat(search.recall()).isEqualTo(1.0);
  }

  @Test
  void mixedOps_allSucceedAndDownloadsAreAnnounced() {
    StructuredRuns.Run run =
        StructuredRuns.run(
            StructuredRuns.spec("kademlia", 41, 160, OBJECTS,
                StructuredRuns.mix(32, 900, 0.4, 0.3, 0.3, 2), KademliaLookupTest.defaults()),
            nodes -> {});
    for (RunResult.OpSummary s : run.result().figures().ops().values()) {
      assertThat(s.failed()).isZero();
    }
    assertThat(run.result().figures().ops().get("search").recall()).isEqualTo(1.0);
    int k = KademliaLookupTest.defaults().k();
    int announced = 0;
    for (int o = 0; o < run.setup().catalog().size(); o++) {
      var id = run.setup().catalog().id(o);
      int closest = KademliaLookupTest.trueClosest(run.setup().directory(), id, k, -1)[0];
      DhtStore.ObjectRecord rec =
          ((KademliaOverlay) run.peers().get(closest).overlay()).dhtStore().object(id);
      announced += rec.holders().length - run.setup().placement().holders(o).length;
      for (int h : rec.holders()) {
        assertThat(run.peers().get(h).store().has(o)).isTrue();
      }
    }
    assertThat(announced).isPositive();
  }
}
