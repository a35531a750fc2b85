package io.peerlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.ReferenceSettings;
import io.peerlab.core.metrics.MemberFigures;
import io.peerlab.core.overlay.chord.Chord;
import io.peerlab.core.overlay.chord.ChordSettings;
import io.peerlab.core.overlay.dht.DhtSettings;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * peerlab's own Chord through the testkit on real actors: {@code local} (one JVM) and a cluster of
 * two node JVMs with this JVM as the run process. The same checks as on {@code sim} hold; the ring
 * is warm-started, since its join and settle time say nothing about the harness.
 */
class RealRuntimesTest {
  static TestCluster cluster;

  @BeforeAll
  static void startTwoNodes() {
    cluster = TestCluster.start("testkit-chord", 2);
  }

  @AfterAll
  static void stopThem() {
    cluster.close();
    assertThat(cluster.nodes().allGone()).as("every node JVM has exited").isTrue();
  }

  private static final ChordSettings CHORD = warm(ReferenceSettings.chord());

  private static ChordSettings warm(ChordSettings c) {
    return c.withWarmStart(true);
  }

  private static ProtocolRun chord() {
    return ProtocolRun.of(new Chord()).peers(128).seed(11).lookups(16, 400)
        .settings(CHORD, new DhtSettings(CHORD.successors()));
  }

  @Test
  void chordOnLocal_answersEveryLookupWithTheKeysSuccessors() {
    ProtocolReport r = chord().onLocal()
        .assertAllOpsSucceeded()
        .assertEveryLookupAnsweredBy(Oracles.ringSuccessors(CHORD.successors()))
        .assertMeanHopsAtMost(0.5 * 7 + 0.6);
    assertThat(r.answers()).hasSize(400);
    assertThat(r.result().identity().runtime()).isEqualTo("local");
  }

  @Test
  void chordOnTwoNodeJvms_answersEveryLookupWithTheKeysSuccessors_fromBothNodes() {
    ProtocolReport r = chord().onCluster(cluster)
        .assertAllOpsSucceeded()
        .assertEveryLookupAnsweredBy(Oracles.ringSuccessors(CHORD.successors()))
        .assertMeanHopsAtMost(0.5 * 7 + 0.6);
    // Every answer came back from the node that hosted its origin: both nodes had clients.
    assertThat(r.answers()).hasSize(400);
    assertThat(r.answers().stream().map(a -> a.origin() % 2).collect(Collectors.toSet())).containsExactlyInAnyOrder(0, 1);
    assertThat(r.result().members()).hasSize(2).allSatisfy(m -> {
      assertThat(m.lost()).isFalse();
      assertThat(m.messagesSent()).as("peers talked across the JVMs").isPositive();
    });
    assertThat(r.result().members().stream().mapToInt(MemberFigures::peers).sum()).isEqualTo(128);
  }
}
