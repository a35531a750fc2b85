package org.example.pastry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peerlab.testkit.ProtocolRun;
import io.peerlab.testkit.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pastry, joined by its protocol, on real actors: in this JVM ({@code local}) and spread over two
 * node JVMs that form a Pekko Cluster with this one ({@code cluster}). The same checks as on the
 * simulator: every lookup answered by the numerically closest peer, mean hops within ⌈log16 N⌉.
 * Shorter join waves than the defaults, so the wall time of joining stays about a second.
 */
class PastryRuntimesTest {
  static final PastrySettings QUICK_JOIN = new PastrySettings(16, false, 100_000_000L, 500_000_000L);
  static TestCluster cluster;

  @BeforeAll
  static void startTwoNodes() {
    cluster = TestCluster.start("pastry", 2);
  }

  @AfterAll
  static void stopThem() {
    cluster.close();
  }

  static ProtocolRun run() {
    return ProtocolRun.of(new Pastry()).peers(64).seed(2001).lookups(16, 300).settings(QUICK_JOIN);
  }

  @Test
  void onLocal_afterJoining_everyLookupReachesTheNumericallyClosestPeer() {
    assertEquals(300, run().onLocal()
        .assertAllOpsSucceeded()
        .assertEveryLookupAnsweredBy(PastryTest.NUMERICALLY_CLOSEST)
        .assertMeanHopsAtMost(2)
        .answers().size());
  }

  @Test
  void onTwoNodeJvms_afterJoining_everyLookupReachesTheNumericallyClosestPeer() {
    assertEquals(300, run().onCluster(cluster)
        .assertAllOpsSucceeded()
        .assertEveryLookupAnsweredBy(PastryTest.NUMERICALLY_CLOSEST)
        .assertMeanHopsAtMost(2)
        .answers().size());
  }
}
