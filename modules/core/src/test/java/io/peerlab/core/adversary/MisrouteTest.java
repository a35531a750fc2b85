package io.peerlab.core.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.SimRuns;
import io.peerlab.core.api.AdversarySettings.Behaviour;
import io.peerlab.core.api.AdversarySettings.Placement;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.flooding.Flooding;
import io.peerlab.core.overlay.index.CentralIndex;
import io.peerlab.core.overlay.randomwalk.RandomWalk;
import io.peerlab.core.overlay.superpeer.SuperPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code misroute} where nothing is routed by key (docs/overlays/*.md "Under attack"): in the
 * unstructured overlays a malicious peer on a query's path answers id queries with its
 * accomplices as the holders and passes nothing on (overlay.unstructured.Eclipse); in
 * central-index no peer routes anything (the index server is never malicious), so it changes
 * nothing.
 */
class MisrouteTest {

  @ParameterizedTest
  @ValueSource(strings = {Flooding.NAME, RandomWalk.NAME, SuperPeer.NAME})
  void misroutingPeers_answerLookupsWithAccomplices_andFetchesFail(String topology) {
    RunResult honest = SimRuns.run(AdversaryTest.spec(topology, 41,
        AdversaryTest.adversary(0.0, Placement.RANDOM, Behaviour.MISROUTE))).result();
    RunResult r = SimRuns.run(AdversaryTest.spec(topology, 41,
        AdversaryTest.adversary(0.2, Placement.RANDOM, Behaviour.MISROUTE))).result();
    RunResult.OpSummary lookups = r.figures().ops().get("lookup");
    RunResult.OpSummary fetches = r.figures().ops().get("fetch");
    RunResult.OpSummary hf = honest.figures().ops().get("fetch");
    System.out.printf("%s, 20%% misroute: lookups attacked %d/%d; fetch ok %d/%d %s"
            + " (honest %d/%d); search recall %.3f (honest %.3f)%n",
        topology, lookups.attacked(), lookups.count(), fetches.ok(), fetches.count(),
        fetches.failures(), hf.ok(), hf.count(), r.figures().ops().get("search").recall(),
        honest.figures().ops().get("search").recall());
    assertThat(lookups.attacked()).isPositive();
    assertThat(fetches.attacked()).isZero(); // the manifest named is genuine: only holders lie
    assertThat(fetches.ok()).isLessThan(hf.ok());
  }

  @Test
  void centralIndex_hasNothingToMisroute() {
    RunResult r = SimRuns.run(AdversaryTest.spec(CentralIndex.NAME, 41,
        AdversaryTest.adversary(0.3, Placement.RANDOM, Behaviour.MISROUTE))).result();
    assertThat(r.figures().adversary().malicious()).isEqualTo(12);
    for (RunResult.OpSummary o : r.figures().ops().values()) {
      assertThat(o.failed()).isZero();
      assertThat(o.attacked()).isZero(); // a misroute peer named as a holder holds the object
    }
    assertThat(r.figures().adversary().wastedBytes()).isZero();
  }
}
