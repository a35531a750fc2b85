package io.peerlab.core.overlay.flooding;

import static io.peerlab.core.overlay.UnstructuredSpecs.MS;
import static io.peerlab.core.overlay.UnstructuredSpecs.SEC;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.TestSpecs;
import io.peerlab.core.api.Phase;
import io.peerlab.core.net.Link;
import io.peerlab.core.net.NetworkSpec;
import io.peerlab.core.overlay.Graphs;
import io.peerlab.core.overlay.TestNet;
import io.peerlab.core.overlay.UnstructuredSpecs;
import io.peerlab.core.overlay.unstructured.RandomGraph;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The random d-regular graph built by edge splitting, on real peers in virtual time. */
class RandomGraphTest {

  static TestNet net(int peers, int degree, long seed, NetworkSpec network) {
    FloodingSettings s = new FloodingSettings(degree, 5, 10, 2 * SEC, 500 * MS, 5 * SEC);
    return new TestNet(
        UnstructuredSpecs.setup(
            UnstructuredSpecs.spec(
                Flooding.NAME, peers, seed, network, UnstructuredSpecs.objects(20, 0.8, 1),
                UnstructuredSpecs.workload(1, 1, 1, 0, 0), s)));
  }

  static RandomGraph graph(TestNet net, int address) {
    return net.overlay(address, FloodingOverlay.class).graph();
  }

  static List<Set<Integer>> adjacency(TestNet net) {
    return Graphs.adjacency(net.size(), a -> graph(net, a).neighbours());
  }

  @Test
  void join_givesEveryPeerExactlyDLinks_inOneConnectedGraph() {
    for (int degree : new int[] {4, 6}) {
      TestNet net = net(400, degree, 11, TestSpecs.network());
      net.phase(Phase.JOIN);
      assertThat(net.done()).as("peers that joined").isEqualTo(400);
      net.phase(Phase.PUBLISH);
      assertThat(net.done()).as("peers that passed the connectivity check").isEqualTo(400);
      List<Set<Integer>> adj = adjacency(net);
      for (int a = 0; a < adj.size(); a++) {
        assertThat(adj.get(a)).as("neighbours of %d", a).hasSize(degree).doesNotContain(a);
      }
      assertThat(Graphs.oneWayEdges(adj)).isEmpty();
      assertThat(Graphs.unreachable(adj, 0)).isZero();
    }
  }

  @Test
  void join_underFivePercentLoss_staysConnectedAndNearlyRegular() {
    NetworkSpec lossy =
        new NetworkSpec(true, 5 * MS, 25 * MS, 0.05, Link.UNLIMITED, Link.UNLIMITED);
    TestNet net = net(400, 4, 5, lossy);
    net.phase(Phase.JOIN);
    assertThat(net.done()).isEqualTo(400);
    net.phase(Phase.PUBLISH);
    assertThat(net.done()).isEqualTo(400);
    List<Set<Integer>> adj = adjacency(net);
    assertThat(Graphs.unreachable(adj, 0)).isZero();
    assertThat(Graphs.oneWayEdges(adj)).isEmpty();
    long regular = adj.stream().filter(s -> s.size() == 4).count();
    assertThat(regular).as("peers with exactly 4 links").isGreaterThanOrEqualTo(396);
    assertThat(adj).allSatisfy(s -> assertThat(s.size()).isBetween(2, 6));
  }

  @Test
  void join_withFewerPeersThanTheBootstrapClique_linksEveryoneToEveryone() {
    TestNet net = net(3, 4, 1, TestSpecs.network());
    net.phase(Phase.JOIN);
    net.phase(Phase.PUBLISH);
    assertThat(net.done()).isEqualTo(3);
    assertThat(graph(net, 0).neighbours()).containsExactlyInAnyOrder(1, 2);
    assertThat(graph(net, 2).neighbours()).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void connectivityCheck_rejoinsAPeerThatWasCutOff() {
    TestNet net = net(200, 4, 3, TestSpecs.network());
    net.phase(Phase.JOIN);
    int cut = 150;
    for (int n : List.copyOf(graph(net, cut).neighbours())) {
      graph(net, cut).dropLink(n);
      graph(net, n).dropLink(cut);
    }
    assertThat(Graphs.unreachable(adjacency(net), 0)).isEqualTo(1);

    net.phase(Phase.PUBLISH);

    assertThat(net.done()).isEqualTo(200);
    assertThat(graph(net, cut).degree()).as("links of the rejoined peer").isEqualTo(2);
    assertThat(Graphs.unreachable(adjacency(net), 0)).isZero();
    assertThat(Graphs.oneWayEdges(adjacency(net))).isEmpty();
  }
}
