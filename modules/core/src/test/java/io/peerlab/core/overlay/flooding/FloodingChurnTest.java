package io.peerlab.core.overlay.flooding;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Phase;
import io.peerlab.core.churn.FailureSettings;
import io.peerlab.core.overlay.ChurnNets;
import io.peerlab.core.overlay.Graphs;
import io.peerlab.core.overlay.TestNet;
import io.peerlab.core.overlay.UnstructuredSpecs;
import io.peerlab.core.overlay.randomwalk.RandomWalk;
import io.peerlab.core.overlay.randomwalk.RandomWalkOverlay;
import io.peerlab.core.overlay.randomwalk.RandomWalkSettings;
import io.peerlab.core.overlay.unstructured.RandomGraph;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The graph of flooding and random-walk under a mass failure (issue 12): 200 peers, degree 4, join-timeout 2 s (so a
 * ping every second and a neighbour dropped after three silent seconds); 20 % of the peers crash at
 * once 5 s into the measured phase. 20 s later the graph of the live peers is checked and 200
 * searches are sent from random live peers.
 */
class FloodingChurnTest {

  static final long SEC = TestSpecs.SEC;

  static TestNet net(String topology, Object settings) {
    return new TestNet(
        UnstructuredSpecs.setup(
            UnstructuredSpecs.spec(
                topology, 200, 7, TestSpecs.network(), UnstructuredSpecs.objects(100, 0.8, 3),
                UnstructuredSpecs.workload(1, 1, 0, 1, 0), settings,
                new FailureSettings(5 * SEC, 0.2, List.of(), List.of()))));
  }

  @Test
  void flooding_afterACrashOfAFifth_deadNeighboursAreDropped_degreeIsRestored_searchesSucceed() {
    TestNet net =
        net(Flooding.NAME, new FloodingSettings(4, 5, 10, 2 * SEC, 500 * TestSpecs.MS, 5 * SEC));
    crashAndRepair(net, "flooding", a -> net.overlay(a, FloodingOverlay.class).graph());
  }

  @Test
  void randomWalk_afterACrashOfAFifth_deadNeighboursAreDropped_degreeIsRestored_searchesSucceed() {
    TestNet net =
        net(
            RandomWalk.NAME,
            new RandomWalkSettings(4, 16, 256, 4, 10, 2 * SEC, 500 * TestSpecs.MS, 10 * SEC));
    crashAndRepair(net, "random-walk", a -> net.overlay(a, RandomWalkOverlay.class).graph());
  }

  static void crashAndRepair(TestNet net, String name, IntFunction<RandomGraph> graph) {
    int d = 4;
    ChurnNets.phase(net, Phase.JOIN, 120);
    ChurnNets.phase(net, Phase.PUBLISH, 60);
    assertThat(net.done()).isEqualTo(200);
    double before = ChurnNets.searchSuccess(net, 200, 1, 10);
    ChurnNets.phase(net, Phase.MEASURE, 1);
    net.runUntil(net.now() + 25 * SEC); // the crash at 5 s, then 20 s of repair
    List<Integer> live = ChurnNets.live(net);
    assertThat(live).hasSize(160);

    List<Set<Integer>> adj =
        Graphs.adjacency(200, a -> net.node(a).down() ? null : graph.apply(a).neighbours());
    int[] degrees = new int[d + 3];
    for (int a : live) {
      Set<Integer> n = adj.get(a);
      assertThat(n).as("neighbours of %d", a).allMatch(x -> !net.node(x).down());
      degrees[Math.min(n.size(), d + 2)]++;
    }
    double after = ChurnNets.searchSuccess(net, 200, 2, 10);
    System.out.printf("%s, 20%% crashed: live degree histogram %s, one-way %d, unreachable %d,"
        + " search success before %.3f after %.3f%n", name, java.util.Arrays.toString(degrees),
        Graphs.oneWayEdges(adj).size(), Graphs.unreachable(adj, live.get(0)), before, after);
    // Degree restored: every live peer has d - 1 .. d + 1 links (most exactly d).
    assertThat(degrees[0] + degrees[1] + degrees[2]).isZero();
    assertThat(degrees[d + 2]).isZero();
    assertThat(degrees[d]).isGreaterThanOrEqualTo(150);
    assertThat(Graphs.oneWayEdges(adj)).isEmpty();
    assertThat(Graphs.unreachable(adj, live.get(0))).isZero();
    // Searches: objects have 3 copies, so a few lost every copy; tolerance stated in the docs.
    assertThat(after).isGreaterThanOrEqualTo(0.95);
  }
}
