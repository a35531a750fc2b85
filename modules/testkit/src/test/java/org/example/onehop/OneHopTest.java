package org.example.onehop;

import io.peerlab.testkit.Oracles;
import io.peerlab.testkit.ProtocolRun;
import org.junit.jupiter.api.Test;

/** The tutorial's overlay (docs/extending.md) tested with the testkit, as its author would. */
class OneHopTest {

  @Test
  void everyLookupIsAnsweredByTheKeysSuccessors_inOneHop() {
    ProtocolRun.of(new OneHop())
        .peers(256)
        .seed(7)
        .lookups(32, 2_000)
        .settings(new OneHopSettings(3))
        .onSim()
        .assertAllOpsSucceeded()
        .assertEveryLookupAnsweredBy(Oracles.ringSuccessors(3))
        .assertMeanHopsAtMost(1.0);
  }

  @Test
  void rerunsAreIdentical() {
    ProtocolRun.of(new OneHop()).peers(64).lookups(8, 200).settings(new OneHopSettings(1)).assertRerunsIdentical();
  }
}
