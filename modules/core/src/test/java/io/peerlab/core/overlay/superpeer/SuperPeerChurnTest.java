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

  /** The overlay peer {@code a} runs now (under churn a leaf may have become a super-peer). */
  static Object now(TestNet net, int a) {
    return net.overlay(a, PromotableOverlay.class).current();
  }

  static boolean liveSuper(TestNet net, int a) {
    return !net.node(a).down() && now(net, a) instanceof SuperPeerOverlay;
  }

  /**
   * Every live leaf has its leaf-connections live super-peers, and each of them lists it; the live
   * super-peers (of the layout or promoted) form one connected graph.
   */
  static void assertAttached(TestNet net) {
    int first = -1;
    for (int a : ChurnNets.live(net)) {
      if (now(net, a) instanceof SuperPeerOverlay) {
        first = first < 0 ? a : first;
        continue;
      }
      Set<Integer> sps = ((LeafOverlay) now(net, a)).superPeers();
      assertThat(sps).as("super-peers of live leaf %d", a).hasSize(2);
      for (int sp : sps) {
        assertThat(liveSuper(net, sp)).as("super-peer %d of leaf %d is down", sp, a).isTrue();
        assertThat(((SuperPeerOverlay) now(net, sp)).leaves()).contains(a);
      }
    }
    List<Set<Integer>> adj =
        Graphs.adjacency(
            300,
            a -> liveSuper(net, a) ? ((SuperPeerOverlay) now(net, a)).graph().neighbours() : null);
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

  @Test
  void afterFourFifthsOfTheSuperPeersCrash_leavesArePromoted_andSearchesSucceed() {
    SuperPeerLayout layout = new SuperPeerLayout(300, 0.1);
    List<TraceEntry> trace = new ArrayList<>();
    for (int k = 0; k < layout.count(); k++) { // 24 of the 30 super-peers crash at 5 s
      if (k % 5 != 4) {
        trace.add(new TraceEntry(5 * SEC, layout.address(k), false));
      }
    }
    ChurnSettings crash =
        new ChurnSettings(ChurnSettings.Model.TRACE, SEC, 0.5, SEC, 0.0, trace, 0); // all crash
    TestNet net = net(crash);
    double before = start(net, 45); // the crash at 5 s, then 40 s of repair
    assertThat(ChurnNets.live(net)).hasSize(276);
    int promoted = 0;
    int supers = 0;
    for (int a : ChurnNets.live(net)) {
      promoted += net.overlay(a, PromotableOverlay.class).promoted() ? 1 : 0;
      supers += liveSuper(net, a) ? 1 : 0;
    }
    assertAttached(net);
    double after = ChurnNets.searchSuccess(net, 200, 2, 10);
    System.out.printf(
        "super-peer, 80%% of super-peers crashed: %d leaves promoted, %d live super-peers,"
            + " search success before %.3f after %.3f%n",
        promoted, supers, before, after);
    // 6 super-peers with 36 leaf slots each cannot hold 270 leaves with 2 super-peers each: at
    // least 9 leaves must have been promoted for every leaf to be attached (assertAttached).
    assertThat(promoted).isGreaterThanOrEqualTo(9);
    assertThat(after).isGreaterThanOrEqualTo(0.9);
  }
}
