package io.peerlab.bench;

import com.typesafe.config.ConfigFactory;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.run.Topologies;
import io.peerlab.scenario.ScenarioLoader;
import io.peerlab.scenario.ScenarioSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs the benchmarks measure, built like a scenario file: reference.conf's defaults (so every
 * topology and transfer strategy gets its documented settings, including ones added later) with
 * the benchmark's overrides on top, then the {@code set} parameter's overrides.
 */
final class BenchSpecs {
  private BenchSpecs() {}

  /**
   * @param topology a name from {@link Topologies}
   * @param network "off" (the network model disabled), "on" (reference.conf's network), or a
   *     duration such as "1ms": reference.conf's links with that fixed one-way latency
   * @param overrides scenario keys, e.g. "objects.size=1MiB"
   * @param set more overrides from a JMH parameter: "key=value;key=value" (may be empty)
   */
  static RunSetup setup(String topology, int peers, String network, List<String> overrides, String set) {
    List<String> all = new ArrayList<>();
    all.add("name=bench");
    all.add("topologies=[" + topology + "]");
    all.add("peers=" + peers);
    all.add("servers=1");
    // Scripts never run on a LiveSystem; the sim benchmarks override these.
    all.add("workload.clients=1");
    all.add("workload.ops=1");
    all.add("workload.warmup-ops=0");
    switch (network) {
      case "off" -> all.add("network.enabled=false");
      case "on" -> all.add("network.enabled=true");
      default -> {
        all.add("network.enabled=true");
        all.add("network.latency=" + network);
      }
    }
    all.addAll(overrides);
    for (String s : set.split(";")) {
      if (!s.isBlank()) {
        all.add(s.trim());
      }
    }
    ScenarioSpec spec = ScenarioLoader.fromConfig(ConfigFactory.empty(), all, "benchmark");
    RunSpec run = spec.forTopology(topology);
    return RunSetup.of(run);
  }
}
