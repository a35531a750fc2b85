package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerlab.core.api.FaultSettings;
import io.peerlab.core.metrics.RunResult;
import io.peerlab.core.transfer.FetchSettings;
import io.peerlab.core.transfer.swarm.SwarmSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The transfer keys of a scenario file, and the two scenario files of docs/transfer.md. */
class TransferScenarioTest {
  private static final Path FLASH_CROWD = Path.of("../../config/scenarios/flash-crowd.conf");
  private static final Path TRANSFER = Path.of("../../config/scenarios/transfer.conf");

  private static ScenarioSpec load(Path file, String... overrides) {
    return ScenarioLoader.load(file, List.of(overrides));
  }

  @Test
  void flashCrowdFile_namesTheSwarmAndItsSettings() {
    ScenarioSpec s = load(FLASH_CROWD);
    assertThat(s.base().transfer().name()).isEqualTo("swarm");
    assertThat(s.base().workload().clients()).isEqualTo(64);
    SwarmSettings swarm = s.base().settings().get(SwarmSettings.class);
    assertThat(swarm.rechokeIntervalNanos()).isEqualTo(250_000_000L);
    assertThat(swarm.uploadSlots()).isEqualTo(4);
    assertThat(s.base().settings().get(FetchSettings.class).uploadPipeline()).isEqualTo(1);
    assertThat(s.base().settings().get(FetchSettings.class).materialize()).isFalse();
  }

  @Test
  void transferFile_picksTenPercentCorruptPeersBySeed() {
    ScenarioSpec s = load(TRANSFER);
    assertThat(s.base().transfer().name()).isEqualTo("multi-source");
    FaultSettings f = s.base().settings().get(FaultSettings.class);
    assertThat(f.corruptPeers()).hasSize(5).allMatch(a -> a >= 1 && a < 48);
    assertThat(load(TRANSFER, "faults.corrupt-peers=[2, 9]").base().settings()
        .get(FaultSettings.class).corruptPeers()).containsExactlyInAnyOrder(2, 9);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "transfer=bittorrent|peerlab.transfer",
        "swarm.upload-slots=0|peerlab.swarm.upload-slots",
        "swarm.rechoke-interval=0s|peerlab.swarm.rechoke-interval",
        "swarm.seed-time=forever|peerlab.swarm.seed-time",
        "swarm.endgame=maybe|peerlab.swarm.endgame",
        "swarm.tit-for-tat=sometimes|peerlab.swarm.tit-for-tat",
        "swarm.free-riders=0.5x|peerlab.swarm.free-riders",
        "fetch.upload-pipeline=-1|peerlab.fetch.upload-pipeline",
        "objects.materialize=sometimes|peerlab.objects.materialize",
        "faults.corrupt-peers=1.5|peerlab.faults.corrupt-peers",
        "faults.corrupt-peers=[999]|peerlab.faults.corrupt-peers",
        "faults.corrupt-peers=lots|peerlab.faults.corrupt-peers",
        "swarm.upload-slot=3|peerlab.swarm.upload-slots"
      })
  void badTransferValues_answerWithOneLineNamingTheKey(String override, String key) {
    assertThatThrownBy(() -> load(FLASH_CROWD, override))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining(key)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void flashCrowd_onSim_swarmBeatsTheServerAlone() {
    String[] small = {"runtime=sim", "peers=33", "workload.clients=32"};
    ScenarioReport swarm = new ScenarioRunner().run(load(FLASH_CROWD, small));
    List<String> single = new ArrayList<>(List.of(small));
    single.add("transfer=single-source");
    ScenarioReport server =
        new ScenarioRunner().run(load(FLASH_CROWD, single.toArray(new String[0])));
    RunResult s = swarm.runs().get(0);
    RunResult c = server.runs().get(0);
    assertThat(s.figures().ops().get("fetch").ok()).isEqualTo(32);
    assertThat(c.figures().ops().get("fetch").ok()).isEqualTo(32);
    // D_cs = 32 * 4 MiB / 16 MiB/s = 8 s; D_p2p = 32 * 4 MiB / (16 + 32) MiB/s = 2.67 s.
    assertThat(c.timing().distributionTimeMs()).isBetween(8000.0, 8400.0);
    assertThat(s.timing().distributionTimeMs()).isBetween(2667.0, 2 * 2667.0);
    assertThat(ComparisonTable.render(swarm)).contains("distribution time s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"single-source", "multi-source", "swarm"})
  void transferScenario_onSim_completesPastCorruptPeers(String transfer) {
    ScenarioReport r =
        new ScenarioRunner()
            .run(load(TRANSFER, "runtime=sim", "transfer=" + transfer, "peers=24",
                "workload.clients=12", "workload.ops=120", "workload.warmup-ops=0"));
    RunResult cs = r.runs().get(0);
    RunResult ci = r.runs().get(1);
    assertThat(cs.identity().topology()).isEqualTo("client-server");
    assertThat(cs.figures().ops().get("fetch").failed()).isZero();
    assertThat(ci.figures().ops().get("fetch").failed()).isZero();
    assertThat(ci.figures().load().chunksRejected()).isPositive();
    assertThat(ComparisonTable.render(r)).contains("chunks rejected (SHA-256)");
  }
}
