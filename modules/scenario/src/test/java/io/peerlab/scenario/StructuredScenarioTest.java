package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.overlay.chord.ChordSettings;
import io.peerlab.core.overlay.dht.DhtSettings;
import io.peerlab.core.overlay.kademlia.KademliaSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chord and kademlia sections of a scenario, and config/scenarios/structured.conf. */
class StructuredScenarioTest {
  static final Path STRUCTURED = Path.of("../../config/scenarios/structured.conf");
  static final Path CHORD_SCALE = Path.of("../../config/scenarios/chord-scale.conf");

  @Test
  void structured_comparesTheFourArchitecturesWithTheirSettings() {
    ScenarioSpec spec = ScenarioLoader.load(STRUCTURED, List.of());
    assertThat(spec.topologies()).containsExactly("client-server", "central-index", "chord", "kademlia");
    ChordSettings chord = spec.base().settings().get(ChordSettings.class);
    assertThat(chord.successors()).isEqualTo(8);
    assertThat(chord.warmStart()).isFalse();
    assertThat(chord.stabilizeNanos()).isEqualTo(1_000_000_000L);
    KademliaSettings kad = spec.base().settings().get(KademliaSettings.class);
    assertThat(kad.k()).isEqualTo(20);
    assertThat(kad.alpha()).isEqualTo(3);
    assertThat(kad.refreshIntervalNanos()).isEqualTo(3_600_000_000_000L);
    assertThat(kad.warmStart()).isFalse();
  }

  @Test
  void structured_runsEveryTopologyOnTheSimHostWithoutAFailure() {
    ScenarioSpec spec =
        ScenarioLoader.load(STRUCTURED,
            List.of("runtime=sim", "workload.ops=600", "workload.warmup-ops=60"));
    ScenarioReport report = new ScenarioRunner().run(spec);
    assertThat(report.runs()).hasSize(4);
    for (RunResult r : report.runs()) {
      assertThat(r.timing().deadlineHit()).as(r.identity().topology()).isFalse();
      assertThat(r.health().errors()).as(r.identity().topology()).isZero();
      assertThat(r.health().notes()).as(r.identity().topology()).isEmpty();
      for (RunResult.OpSummary op : r.figures().ops().values()) {
        assertThat(op.failed()).as(r.identity().topology()).isZero();
      }
      assertThat(r.figures().ops().get("search").recall()).as(r.identity().topology()).isEqualTo(1.0);
    }
    RunResult chord = report.runs().get(2);
    assertThat(chord.figures().ops().get("lookup").hops().mean()).isGreaterThan(2.0);
  }

  @Test
  void warmPublish_runsChordAndKademliaOnSimWithEveryOpFinding() {
    ScenarioSpec spec =
        ScenarioLoader.load(STRUCTURED,
            List.of("runtime=sim", "topologies=[chord, kademlia]", "dht.warm-publish=true",
                "workload.ops=600", "workload.warmup-ops=60"));
    assertThat(spec.base().settings().get(DhtSettings.class).warmPublish()).isTrue();
    ScenarioReport report = new ScenarioRunner().run(spec);
    for (RunResult r : report.runs()) {
      assertThat(r.health().notes()).as(r.identity().topology()).isEmpty();
      for (RunResult.OpSummary op : r.figures().ops().values()) {
        assertThat(op.failed()).as(r.identity().topology()).isZero();
        assertThat(op.ok()).as(r.identity().topology()).isPositive();
      }
      assertThat(r.figures().ops().get("search").recall()).as(r.identity().topology()).isEqualTo(1.0);
    }
  }

  @Test
  void warmPublish_isRefusedOffTheSimRuntimeAndWithAnAdversary() {
    assertThatThrownBy(() -> ScenarioLoader.load(STRUCTURED, List.of("dht.warm-publish=true")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("key 'peerlab.dht.warm-publish': works on the sim runtime only")
        .hasMessageEndingWith("got runtime local");
    assertThatThrownBy(() -> ScenarioLoader.load(STRUCTURED,
            List.of("runtime=sim", "dht.warm-publish=true", "adversary.fraction=0.1")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("key 'peerlab.dht.warm-publish': cannot be on with an adversary");
    assertThat(ScenarioLoader.load(STRUCTURED, List.of("runtime=sim", "adversary.fraction=0.1"))
        .base().settings().get(DhtSettings.class).warmPublish()).isFalse();
  }

  @Test
  void chordScale_loads() {
    ScenarioSpec spec = ScenarioLoader.load(CHORD_SCALE, List.of("peers=1000000"));
    assertThat(spec.base().peers()).isEqualTo(1_000_000);
    assertThat(spec.base().settings().get(ChordSettings.class).warmStart()).isTrue();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "chord.successors|0|key 'peerlab.chord.successors': must be a whole number >= 1, got 0",
        "chord.stabilize-interval|0s|key 'peerlab.chord.stabilize-interval': must be a duration > 0",
        "chord.settle|soon|key 'peerlab.chord.settle': expected a duration",
        "chord.warm-start|maybe|key 'peerlab.chord.warm-start': expected true or false",
        "chord.request-attempts|0|key 'peerlab.chord.request-attempts': must be a whole number >= 1",
        "kademlia.k|0|key 'peerlab.kademlia.k': must be a whole number >= 1, got 0",
        "kademlia.alpha|two|key 'peerlab.kademlia.alpha': expected a whole number",
        "kademlia.rpc-timeout|-1s|key 'peerlab.kademlia.rpc-timeout': must be a duration > 0",
        "kademlia.join-refresh|1.5|key 'peerlab.kademlia.join-refresh': expected true or false",
        "kademlia.max-failures|0|key 'peerlab.kademlia.max-failures': must be a whole number >= 1",
        "kademlia.republish-interval|-1s|key 'peerlab.kademlia.republish-interval': must be a duration",
        "kademlia.warm-start|maybe|key 'peerlab.kademlia.warm-start': expected true or false",
        "dht.warm-publish|maybe|key 'peerlab.dht.warm-publish': expected true or false",
        "chord.sucessors|4|key 'peerlab.chord.sucessors': unknown key; did you mean 'peerlab.chord.successors'?",
      })
  void badValues_getOneLineNamingTheKey(String key, String value, String message) {
    assertThatThrownBy(() -> ScenarioLoader.load(STRUCTURED, List.of(key + "=" + value)))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith(message)
        .hasMessageNotContaining("\n");
  }
}
