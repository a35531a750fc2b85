package io.peerlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerlab.core.ReferenceSettings;
import io.peerlab.core.overlay.chord.Chord;
import io.peerlab.core.overlay.chord.ChordSettings;
import io.peerlab.core.overlay.dht.DhtSettings;
import io.peerlab.core.overlay.kademlia.Kademlia;
import io.peerlab.core.overlay.kademlia.KademliaSettings;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * peerlab's own Chord and Kademlia checked through the testkit, exactly as a plugin's tests would
 * check theirs: every lookup answered by the peers the ids make responsible, mean hops within the
 * papers' bounds, and byte-identical reruns. The detailed figures (hops against ½·log2 N across N)
 * stay in core's ChordLookupTest and KademliaLookupTest.
 */
class BuiltInOverlaysTest {

  @Test
  void chord_answersEveryLookupWithTheKeysSuccessors_inAboutHalfLog2NHops() {
    ChordSettings chord = ReferenceSettings.chord();
    int n = 512;
    ProtocolReport r =
        ProtocolRun.of(new Chord()).peers(n).seed(9).lookups(64, 1_000)
            .settings(chord, new DhtSettings(chord.successors())).onSim();
    // Chord §6.3: ½·log2 N forwarding hops, plus the final message to the successor. With r copies
    // (dht.replicas = r) a lookup answers with the key's successor and its next r-1 successors.
    r.assertAllOpsSucceeded()
        .assertEveryLookupAnsweredBy(Oracles.ringSuccessors(chord.successors()))
        .assertMeanHopsAtMost(0.5 * 9 + 0.6);
    assertThat(r.answers()).hasSize(1_000);
  }

  @Test
  void kademlia_answersEveryLookupWithTheKXorClosest_inFewRounds() {
    KademliaSettings kademlia = ReferenceSettings.kademlia();
    ProtocolReport r =
        ProtocolRun.of(new Kademlia()).peers(512).seed(9).lookups(64, 500).settings(kademlia).onSim();
    // Maymounkov & Mazières: ⌈log2 N⌉ + c contacts; in rounds of α parallel RPCs far fewer.
    r.assertAllOpsSucceeded()
        .assertEveryLookupAnsweredBy(Oracles.xorClosest(kademlia.k()))
        .assertMeanHopsAtMost(Math.log(512) / Math.log(2) / 2);
  }

  @Test
  void rerunsOfChord_areIdenticalAnswerByAnswer() {
    ProtocolReport r =
        ProtocolRun.of(new Chord()).peers(128).seed(3).lookups(16, 300).settings(ReferenceSettings.chord())
            .assertRerunsIdentical();
    assertThat(r.fingerprint()).contains("lookup");
  }

  @Test
  void aWrongOracle_failsWithTheLookupThatBrokeIt() {
    ProtocolReport r =
        ProtocolRun.of(new Chord()).peers(64).seed(3).lookups(8, 50).settings(ReferenceSettings.chord())
            .onSim();
    assertThatThrownBy(() -> r.assertEveryLookupAnsweredBy(Oracles.xorClosest(1)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("lookup of ")
        .hasMessageContaining("but the oracle names");
    assertThatThrownBy(() -> r.assertMeanHopsAtMost(0.5))
        .hasMessageContaining("exceed the bound 0.500");
  }
}
