package io.peerlab.scenario;

import com.typesafe.config.Config;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.run.Topologies;
import java.util.List;

/**
 * A validated scenario: what to run (the workload once, as a {@link RunSpec}), under which
 * topologies, on which runtime.
 *
 * @param name the scenario's name
 * @param runtime sim, local or cluster
 * @param topologies the topologies to compare, in order
 * @param base the run spec; {@link #forTopology} makes one per topology
 * @param source where it came from (a file path, or "config")
 * @param effective the resolved {@code peerlab} config, for results.json
 * @param intervalNanos {@code peerlab.results.interval}: the width of a timeline interval
 * @param plugins the class loader its topologies and strategies were found with ({@link Plugins})
 */
public record ScenarioSpec(
    String name,
    String runtime,
    List<String> topologies,
    RunSpec base,
    String source,
    Config effective,
    long intervalNanos,
    ClassLoader plugins) {

  public ScenarioSpec {
    topologies = List.copyOf(topologies);
  }

  public RunSpec forTopology(String topology) {
    return base.withTopology(Topologies.get(topology, plugins));
  }

  public long seed() {
    return base.seed();
  }
}
