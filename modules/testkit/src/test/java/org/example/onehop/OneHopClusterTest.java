package org.example.onehop;

import io.peerlab.testkit.Oracles;
import io.peerlab.testkit.ProtocolRun;
import io.peerlab.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's overlay on real actors: in this JVM ({@code local}) and on two node JVMs that form
 * a Pekko Cluster with this one ({@code cluster}), checked as on the simulator.
 */
class OneHopClusterTest {
  static TestCluster cluster;

  @BeforeAll
  static void startTwoNodes() {
    cluster = TestCluster.start("one-hop", 2);
  }

  @AfterAll
  static void stopThem() {
    cluster.close();
  }

  static ProtocolRun run() {
    return ProtocolRun.of(new OneHop()).peers(64).seed(7).lookups(16, 400).settings(new OneHopSettings(2));
  }

  @Test
  void onLocal_everyLookupIsAnsweredByTheKeysSuccessors_inOneHop() {
    run().onLocal()
        .assertAllOpsSucceeded()
        .assertEveryLookupAnsweredBy(Oracles.ringSuccessors(2))
        .assertMeanHopsAtMost(1.0);
  }

  @Test
  void onACluster_everyLookupIsAnsweredByTheKeysSuccessors_inOneHop() {
    run().onCluster(cluster)
        .assertAllOpsSucceeded()
        .assertEveryLookupAnsweredBy(Oracles.ringSuccessors(2))
        .assertMeanHopsAtMost(1.0);
  }
}
