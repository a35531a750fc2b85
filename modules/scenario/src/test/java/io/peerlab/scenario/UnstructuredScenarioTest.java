package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.peerlab.core.ReferenceSettings;
import io.peerlab.core.content.Replication;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.chord.ChordSettings;
import io.peerlab.core.overlay.flooding.FloodingSettings;
import io.peerlab.core.overlay.kademlia.KademliaSettings;
import io.peerlab.core.overlay.randomwalk.RandomWalkSettings;
import io.peerlab.core.overlay.superpeer.SuperPeerSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** config/scenarios/unstructured.conf and the keys of flooding, random-walk and super-peer. */
class UnstructuredScenarioTest {
  static final Path FILE = Path.of("../../config/scenarios/unstructured.conf");

  @Test
  void unstructuredConf_namesAllFiveTopologies_andItsOverlaySettings() {
    ScenarioSpec spec = ScenarioLoader.load(FILE, List.of());
    assertThat(spec.topologies())
        .containsExactly("client-server", "central-index", "flooding", "random-walk", "super-peer");
    assertThat(spec.base().workload().searchShare()).isEqualTo(0.7);
    assertThat(spec.base().objects().replication()).isEqualTo(Replication.SQUARE_ROOT);
    assertThat(spec.base().settings().get(FloodingSettings.class).ttl()).isEqualTo(5);
    assertThat(spec.base().settings().get(RandomWalkSettings.class).ttl()).isEqualTo(256);
    assertThat(spec.base().settings().get(SuperPeerSettings.class).ttl()).isEqualTo(3);
  }

  @Test
  void defaults_comeFromReferenceConf() {
    ScenarioSpec spec =
        ScenarioLoader.fromConfig(
            ConfigFactory.parseString("peerlab { topologies = [flooding] }"), List.of(), "test");
    assertThat(spec.base().objects().replication()).isEqualTo(Replication.UNIFORM);
    // ReferenceSettings reads the same reference.conf on its own: the two readers agree key for key.
    assertThat(spec.base().settings().get(FloodingSettings.class))
        .isEqualTo(ReferenceSettings.flooding());
    assertThat(spec.base().settings().get(RandomWalkSettings.class))
        .isEqualTo(ReferenceSettings.randomWalk());
    assertThat(spec.base().settings().get(SuperPeerSettings.class))
        .isEqualTo(ReferenceSettings.superPeer());
    assertThat(spec.base().settings().get(ChordSettings.class)).isEqualTo(ReferenceSettings.chord());
    assertThat(spec.base().settings().get(KademliaSettings.class))
        .isEqualTo(ReferenceSettings.kademlia());
  }

  @Test
  void badValues_getOneLineThatNamesTheKey() {
    expectBad("flooding.degree=5", "key 'peerlab.flooding.degree': must be an even number >= 2");
    expectBad(
        "random-walk.degree=0", "key 'peerlab.random-walk.degree': must be a whole number >= 2");
    expectBad("flooding.ttl=0", "key 'peerlab.flooding.ttl': must be a whole number >= 1");
    expectBad("random-walk.walkers=0", "key 'peerlab.random-walk.walkers'");
    expectBad("random-walk.check-interval=-1", "key 'peerlab.random-walk.check-interval'");
    expectBad("super-peer.fraction=0", "key 'peerlab.super-peer.fraction': must be in (0, 1]");
    expectBad("super-peer.fraction=1.5", "key 'peerlab.super-peer.fraction'");
    expectBad("super-peer.hit-timeout=0s", "key 'peerlab.super-peer.hit-timeout'");
    expectBad(
        "objects.replication=cubic",
        "key 'peerlab.objects.replication': 'cubic' is not allowed; use one of uniform,"
            + " proportional, square-root");
    expectBad("flooding.tll=3", "did you mean 'peerlab.flooding.ttl'?");
  }

  private static void expectBad(String override, String message) {
    assertThatThrownBy(() -> ScenarioLoader.load(FILE, List.of(override)))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void unstructuredConf_runsEveryTopologyOnTheSimRuntime() {
    ScenarioSpec spec =
        ScenarioLoader.load(
            FILE,
            List.of("runtime=sim", "peers=80", "workload.clients=16", "workload.ops=160",
                "workload.warmup-ops=16"));
    ScenarioReport report = new ScenarioRunner().run(spec);
    assertThat(report.runs()).extracting(r -> r.identity().topology())
        .containsExactly("client-server", "central-index", "flooding", "random-walk", "super-peer");
    for (RunResult r : report.runs()) {
      assertThat(r.health().errors()).as(r.identity().topology()).isZero();
      assertThat(r.timing().deadlineHit()).as(r.identity().topology()).isFalse();
      assertThat(r.health().notes()).as(r.identity().topology()).isEmpty();
      RunResult.OpSummary search = r.figures().ops().get("search");
      assertThat(search.ok()).as(r.identity().topology()).isGreaterThan(search.count() * 9 / 10);
    }
  }
}
