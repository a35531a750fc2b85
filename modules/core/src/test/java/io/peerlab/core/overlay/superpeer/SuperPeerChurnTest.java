package io.peerlab.core.overlay.superpeer;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.ReferenceSettings;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Phase;
import io.peerlab.core.churn.ChurnSettings;
import io.peerlab.core.churn.ChurnSettings.TraceEntry;
import io.peerlab.core.churn.FailureSettings;
import io.peerlab.core.overlay.ChurnNets;
import io.peerlab.core.overlay.Graphs;
import io.peerlab.core.overlay.TestNet;
import io.peerlab.core.overlay.UnstructuredSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * super-peer under failures (issue 12): 300 peers, 30 super-peers (degree 4), each leaf attached to
 * 2; join-timeout 2 s, so pings every second and a peer presumed gone after three silent seconds.
 */
class SuperPeerChurnTest {

  static final long SEC = TestSpecs.SEC;

  static TestNet net(Object failures) {
    SuperPeerSettings s =
        new SuperPeerSettings(0.1, 4, 3, 2, 10, 2 * SEC, 500 * TestSpecs.MS, 5 * SEC);
    return new TestNet(
        UnstructuredSpecs.setup(
            UnstructuredSpecs.spec(
                SuperPeer.NAME, 300, 9, TestSpecs.network(), UnstructuredSpecs.objects(200, 0.8, 3),
                UnstructuredSpecs.workload(1, 1, 0, 1, 0), s, failures)));
  }

  /** Runs JOIN and PUBLISH, then the measured phase for {@code seconds}; returns search success before. */
  static double start(TestNet net, int seconds) {
    ChurnNets.phase(net, Phase.JOIN, 120);
    ChurnNets.phase(net, Phase.PUBLISH, 60);
    assertThat(net.done()).isEqualTo(300);
    double before = ChurnNets.searchSuccess(net, 200, 1, 10);
    ChurnNets.phase(net, Phase.MEASURE, 1);
    net.runUntil(net.now() + seconds * SEC);
    return before;
  }

  /** Every live leaf has its leaf-connections live super-peers, and each of them lists it. */
  static void assertAttached(TestNet net) {
    SuperPeerLayout layout = new SuperPeerLayout(300, 0.1);
    for (int a : ChurnNets.live(net)) {
      if (layout.isSuper(a)) {
        continue;
      }
      Set<Integer> sps = net.overlay(a, LeafOverlay.class).superPeers();
      assertThat(sps).as("super-peers of live leaf %d", a).hasSize(2);
      for (int sp : sps) {
        assertThat(net.node(sp).down()).as("super-peer %d of leaf %d is down", sp, a).isFalse();
        assertThat(net.overlay(sp, SuperPeerOverlay.class).leaves()).contains(a);
      }
    }
    List<Set<Integer>> adj =
        Graphs.adjacency(
            300,
            a -> layout.isSuper(a) && !net.node(a).down()
                ? net.overlay(a, SuperPeerOverlay.class).graph().neighbours()
                : null);
    int first = -1;
    for (int k = 0; k < layout.count() && first < 0; k++) {
      first = net.node(layout.address(k)).down() ? -1 : layout.address(k);
    }
    assertThat(Graphs.unreachable(adj, first)).as("super-peers cut off").isZero();
  }

  @Test
  void afterACrashOfAFifth_everyLiveLeafIsAttachedToLiveSuperPeers_andSearchesSucceed() {
    TestNet net = net(new FailureSettings(5 * SEC, 0.2, List.of(), List.of()));
    double before = start(net, 25); // the crash at 5 s, then 20 s of repair
    assertThat(ChurnNets.live(net)).hasSize(240);
    assertAttached(net);
    double after = ChurnNets.searchSuccess(net, 200, 2, 10);
    System.out.printf("super-peer, 20%% crashed: search success before %.3f after %.3f%n", before, after);
    assertThat(after).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void superPeersThatLeaveGracefully_handTheirLeavesOver() {
    SuperPeerLayout layout = new SuperPeerLayout(300, 0.1);
    List<TraceEntry> trace = new ArrayList<>();
    for (int k = 5; k < layout.count(); k += 5) { // 5 of the 30 super-peers, from 5 s, 0.2 s apart
      trace.add(new TraceEntry(5 * SEC + (k / 5 - 1) * SEC / 5, layout.address(k), false));
    }
    ChurnSettings leaves = new ChurnSettings(ChurnSettings.Model.TRACE, SEC, 0.5, SEC, 1.0, trace, 0);
    TestNet net = net(leaves);
    int[] handovers = {0};
    net.tap((now, from, to, m) -> handovers[0] += m instanceof SuperPeerMessage.Handover ? 1 : 0);
    start(net, 8); // 2 s after the last leave: less than the three silent seconds a crash needs
    assertThat(handovers[0]).isPositive();
    assertAttached(net);
  }
}
