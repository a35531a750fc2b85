package io.peerlab.core.overlay.superpeer;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.ReferenceSettings;
import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Phase;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.content.ObjectsSpec;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.Graphs;
import io.peerlab.core.overlay.Runs;
import io.peerlab.core.overlay.TestNet;
import io.peerlab.core.overlay.UnstructuredSpecs;
import io.peerlab.core.overlay.flooding.Flooding;
import io.peerlab.core.overlay.unstructured.FloodMessage.Query;
import io.peerlab.core.run.RunControl;
import io.peerlab.core.run.Summaries;
import io.peerlab.core.sim.SimHost;
import io.peerlab.core.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Super-peers (KaZaA, Gnutella 0.6): layout, attaching, index upload, cost against flooding. */
class SuperPeerTest {

  static SuperPeerSettings settings(double fraction, int ttl, int leafConnections) {
    return ReferenceSettings.superPeer().with(fraction, ttl).withLeafConnections(leafConnections);
  }

  @Test
  void layout_spreadsSuperPeersEvenly_andNumbersThemInAddressOrder() {
    SuperPeerLayout layout = new SuperPeerLayout(1000, 0.1);
    assertThat(layout.count()).isEqualTo(100);
    List<Integer> supers = new ArrayList<>();
    for (int a = 0; a < 1000; a++) {
      if (layout.isSuper(a)) {
        supers.add(a);
      }
    }
    assertThat(supers).hasSize(100);
    for (int k = 0; k < 100; k++) {
      assertThat(layout.address(k)).isEqualTo(supers.get(k));
    }
    assertThat(new SuperPeerLayout(7, 0.01).count()).as("at least one").isEqualTo(1);
    assertThat(new SuperPeerLayout(30, 0.2).seeds(4)).containsExactly(4, 9, 14, 19, 24);
  }

  @Test
  void leaves_attachToDistinctSuperPeers_andUploadTheirIndex_superPeersFormARegularGraph() {
    RunSpec spec =
        UnstructuredSpecs.spec(
            SuperPeer.NAME, 300, 9, TestSpecs.network(), UnstructuredSpecs.objects(200, 0.8, 2),
            UnstructuredSpecs.workload(1, 1, 1, 0, 0), settings(0.1, 3, 2));
    TestNet net = new TestNet(UnstructuredSpecs.setup(spec));
    net.phase(Phase.JOIN);
    assertThat(net.done()).isEqualTo(300);
    net.phase(Phase.PUBLISH);
    assertThat(net.done()).isEqualTo(300);

    SuperPeerLayout layout = new SuperPeerLayout(300, 0.1);
    for (int a = 0; a < 300; a++) {
      if (layout.isSuper(a)) {
        assertThat(net.setup().directory().get(a).link()).isEqualTo(spec.network().server());
        continue;
      }
      assertThat(net.setup().directory().get(a).link()).isEqualTo(spec.network().peer());
      Set<Integer> sps = net.overlay(a, LeafOverlay.class).superPeers();
      assertThat(sps).as("super-peers of leaf %d", a).hasSize(2).allMatch(layout::isSuper);
      for (int sp : sps) {
        SuperPeerOverlay o = net.overlay(sp, SuperPeerOverlay.class);
        assertThat(o.leaves()).contains(a);
        for (int object : net.setup().placement().objectsOf(a)) {
          assertThat(o.index().holders(net.setup().catalog().id(object))).contains(a);
        }
      }
    }
    List<Set<Integer>> adj =
        Graphs.adjacency(
            300,
            a -> layout.isSuper(a)
                ? net.overlay(a, SuperPeerOverlay.class).graph().neighbours()
                : null);
    int first = layout.address(0);
    assertThat(Graphs.unreachable(adj, first)).isZero();
    assertThat(Graphs.oneWayEdges(adj)).isEmpty();
    for (int k = 0; k < layout.count(); k++) {
      assertThat(adj.get(layout.address(k))).hasSize(4).allMatch(layout::isSuper);
    }
  }

  @Test
  void leavesNeverForward_andAreNeverAsked() {
    RunSpec spec =
        UnstructuredSpecs.spec(
            SuperPeer.NAME, 300, 9, TestSpecs.network(), UnstructuredSpecs.objects(100, 0.8, 1),
            UnstructuredSpecs.workload(30, 200, 0.4, 0.4, 0.2), settings(0.1, 6, 1));
    RunSetup setup = UnstructuredSpecs.setup(spec);
    SuperPeerLayout layout = new SuperPeerLayout(300, 0.1);
    List<String> wrong = new ArrayList<>();
    long[] fromLeaves = new long[1];
    RunControl control =
        new RunControl(
            RunControl.quiet().progress(),
            (t, from, to, m) -> {
              if (m instanceof Query q) {
                if (!layout.isSuper(to)) {
                  wrong.add("query delivered to leaf " + to);
                }
                if (!layout.isSuper(from)) {
                  fromLeaves[0]++;
                  if (q.hops() != 1) {
                    wrong.add("leaf " + from + " forwarded a query at hop " + q.hops());
                  }
                }
              }
            },
            () -> false);
    RunResult r = Summaries.summarize(setup, "sim", new SimHost().run(setup, control), null);
    assertThat(wrong).isEmpty();
    assertThat(fromLeaves[0]).as("queries leaves sent to their super-peers").isPositive();
    assertThat(r.figures().ops().values()).allSatisfy(o -> assertThat(o.failed()).isZero());
    assertThat(r.health().errors()).isZero();
  }

  @Test
  void search_sendsFarFewerMessagesThanFlatFlooding_atEqualSuccess() {
    ObjectsSpec objects = UnstructuredSpecs.objects(200, 0.8, 1);
    WorkloadSpec searches = UnstructuredSpecs.workload(25, 200, 0, 1, 0);
    RunResult superPeer =
        Runs.sim(
            UnstructuredSpecs.spec(
                SuperPeer.NAME, 1000, 4, TestSpecs.network(), objects, searches,
                settings(0.1, 5, 1)));
    RunResult flooding =
        Runs.sim(
            UnstructuredSpecs.spec(
                Flooding.NAME, 1000, 4, TestSpecs.network(), objects, searches,
                ReferenceSettings.flooding()));
    double sp = Runs.messagesPerOp(superPeer, "search");
    double fl = Runs.messagesPerOp(flooding, "search");
    System.out.printf(
        Locale.ROOT, "1000 peers, searches: super-peer (10%%, TTL 5) %.1f msgs, %.1f%% ok, recall"
            + " %.3f; flooding (TTL 7) %.1f msgs, %.1f%% ok, recall %.3f; ratio %.1f%n",
        sp, 100 * Runs.success(superPeer, "search"), superPeer.figures().ops().get("search").recall(), fl,
        100 * Runs.success(flooding, "search"), flooding.figures().ops().get("search").recall(), fl / sp);
    assertThat(Runs.success(superPeer, "search"))
        .isGreaterThanOrEqualTo(Runs.success(flooding, "search"));
    assertThat(sp).isLessThan(fl / 4);
  }
}
