package io.peerlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerlab.core.api.RunSetup;
import io.peerlab.core.run.Topologies;
import io.peerlab.core.run.Transfers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * The names in the benchmarks' {@code @Param} lists are what the framework registers, so that
 * adding a topology or transfer strategy to a benchmark is one word in its list.
 */
class BenchParamsTest {

  static List<String> values(Class<?> benchmark, String field) throws Exception {
    return List.of(benchmark.getField(field).getAnnotation(Param.class).value());
  }

  @Test
  void everyBenchmarkedTopology_isRegistered_andBuildsARun() throws Exception {
    for (Class<?> b : List.of(TopologyBench.class, SimHostBench.class, FetchBench.class)) {
      for (String topology : values(b, "topology")) {
        assertThat(Topologies.names()).as(b.getSimpleName()).contains(topology);
        RunSetup setup = BenchSpecs.setup(topology, 16, "off", List.of(), "");
        assertThat(setup.topology().name()).isEqualTo(topology);
        assertThat(setup.spec().network().enabled()).isFalse();
      }
    }
    for (String transfer : values(FetchBench.class, "transfer")) {
      assertThat(Transfers.names()).contains(transfer);
    }
  }

  @Test
  void networkParam_offOnOrAFixedLatency() {
    RunSetup off = BenchSpecs.setup("client-server", 16, "off", List.of(), "");
    RunSetup on = BenchSpecs.setup("client-server", 16, "on", List.of(), "");
    RunSetup oneMs = BenchSpecs.setup("client-server", 16, "1ms", List.of(), "objects.count=50; seed=7");
    assertThat(off.spec().network().enabled()).isFalse();
    assertThat(on.spec().network().enabled()).isTrue();
    assertThat(oneMs.spec().network().enabled()).isTrue();
    assertThat(on.spec().network().latencyMinNanos()).isEqualTo(10_000_000L);
    assertThat(oneMs.spec().network().latencyMinNanos()).isEqualTo(1_000_000L);
    assertThat(oneMs.spec().network().latencyMaxNanos()).isEqualTo(1_000_000L);
    assertThat(oneMs.catalog().size()).isEqualTo(50);
    assertThat(oneMs.spec().seed()).isEqualTo(7);
  }
}
