package io.peerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {

  private static ScenarioSpec spec(String... sets) {
    List<String> all = new ArrayList<>(List.of("name=m", "topologies=[client-server]", "servers=1"));
    all.addAll(List.of(sets));
    return ScenarioLoader.fromConfig(ConfigFactory.empty(), all, "test");
  }

  @Test
  void clientsWithFewOpsEach_costTheirKeptValues_notHistograms() {
    // The quickstart's 2,000 ops over 99,999 clients: at most one op of a type each.
    MemoryEstimate.Need need = MemoryEstimate.of(spec(
        "runtime=local", "peers=100000", "workload.clients=99999", "workload.ops=2000",
        "workload.mix.lookup=0.5", "workload.mix.search=0.2", "workload.mix.fetch=0.3"));
    long perClient = MemoryEstimate.CLIENT_OP_TYPE_KEPT + 2 * MemoryEstimate.CLIENT_OP_VALUE;
    assertThat(need.clients()).isEqualTo(99_999L * 3 * perClient);
    assertThat(need.key()).isEqualTo("peerlab.peers");
    assertThat(need.total()).isLessThan(1L << 30);
  }

  @Test
  void clientsThatFillTheirKeptValues_costHistograms() {
    // 10 clients, 100,000 lookups: 10,000 each, past the 256 values kept.
    MemoryEstimate.Need need = MemoryEstimate.of(spec(
        "runtime=sim", "peers=100", "workload.clients=10", "workload.ops=100000",
        "workload.mix.lookup=1", "workload.mix.search=0", "workload.mix.fetch=0"));
    assertThat(need.clients()).isEqualTo(10 * MemoryEstimate.CLIENT_OP_TYPE);
  }

  @Test
  void theSwitchToHistograms_isAtHalfTheKeptValues_forClientsThatDrawMoreThanTheirShare() {
    assertThat(MemoryEstimate.clientOpType(0)).isEqualTo(MemoryEstimate.CLIENT_OP_TYPE_KEPT);
    assertThat(MemoryEstimate.clientOpType(128))
        .isEqualTo(MemoryEstimate.CLIENT_OP_TYPE_KEPT + 256 * MemoryEstimate.CLIENT_OP_VALUE);
    assertThat(MemoryEstimate.clientOpType(129)).isEqualTo(MemoryEstimate.CLIENT_OP_TYPE);
  }

  @Test
  void kademliaWithWarmStart_atAMillionPeers_fitsTheFourGigabytesItWasMeasuredIn() {
    // bench/README.md: chord-scale.conf, peers=1000000, kademlia.warm-start=true ran in -Xmx4g.
    ScenarioSpec warm = ScenarioLoader.load(java.nio.file.Path.of("../../config/scenarios/chord-scale.conf"),
        List.of("peers=1000000", "topologies=[kademlia]", "kademlia.warm-start=true"));
    ScenarioSpec joined = ScenarioLoader.load(java.nio.file.Path.of("../../config/scenarios/chord-scale.conf"),
        List.of("peers=1000000", "topologies=[kademlia]", "kademlia.warm-start=false"));
    assertThat(MemoryEstimate.of(warm).peers()).isEqualTo(1_000_000L * MemoryEstimate.KADEMLIA_WARM_SIM);
    assertThat(MemoryEstimate.of(warm).total()).isLessThan(4L << 30);
    assertThat(MemoryEstimate.of(joined).peers()).isEqualTo(1_000_000L * MemoryEstimate.PEER_SIM.get("kademlia"));
  }
}
