package io.peerlab.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.peerlab.core.api.RunSetup;
import io.peerlab.core.api.RunSpec;
import io.peerlab.core.content.Catalog;
import io.peerlab.core.workload.Workload;
import io.peerlab.scenario.ScenarioException;
import io.peerlab.scenario.ScenarioLoader;
import io.peerlab.scenario.ScenarioSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The panels of a demo from a scenario file: its first two topologies side by side, or its first
 * topology beside the same scenario with one key changed ({@code --vs}). Without a file: the flash
 * crowd of config/scenarios/flash-crowd.conf, smaller (16 clients of a 1 MiB file, a 4 MiB/s server) so
 * that a slowed-down run ends while a class watches: client-server's single source (4 s) beside the
 * swarm (1.4 s).
 */
public final class DemoScenarios {
  private DemoScenarios() {}

  /** The built-in scenario's resource and the key the right-hand panel changes. */
  static final String DEFAULT_RESOURCE = "io/peerlab/demo/flash-crowd-demo.conf";

  public static final String DEFAULT_VS = "transfer=swarm";

  /**
   * @param scenario a scenario file, or null for the built-in flash crowd
   * @param overrides {@code key=value} for both panels ({@code --set})
   * @param vs {@code key=value} for a second panel, or null
   * @throws ScenarioException on a bad file, key or value (one line: the key and what is allowed)
   */
  public static List<Demo.Variant> variants(Path scenario, List<String> overrides, String vs) {
    ScenarioSpec base;
    String second = vs;
    if (scenario == null) {
      Config builtIn = ConfigFactory.parseResources(DemoScenarios.class.getClassLoader(), DEFAULT_RESOURCE);
      base = ScenarioLoader.fromConfig(builtIn, overrides, "built-in flash crowd (" + DEFAULT_RESOURCE + ")");
      if (second == null) {
        second = DEFAULT_VS;
      }
    } else {
      base = ScenarioLoader.load(scenario, overrides);
    }
    List<Demo.Variant> out = new ArrayList<>();
    if (second != null) {
      if (!second.contains("=")) {
        throw new ScenarioException("--vs: expected key=value, got '" + second + "'");
      }
      List<String> withVs = new ArrayList<>(overrides);
      withVs.add(second);
      ScenarioSpec other = scenario == null
          ? ScenarioLoader.fromConfig(
              ConfigFactory.parseResources(DemoScenarios.class.getClassLoader(), DEFAULT_RESOURCE), withVs,
              "built-in flash crowd")
          : ScenarioLoader.load(scenario, withVs);
      out.add(variant(base, base.topologies().get(0)));
      out.add(variant(other, other.topologies().get(0)));
    } else {
      for (String t : base.topologies().subList(0, Math.min(2, base.topologies().size()))) {
        out.add(variant(base, t));
      }
    }
    return out;
  }

  private static Demo.Variant variant(ScenarioSpec spec, String topology) {
    RunSpec rs = spec.forTopology(topology);
    Catalog catalog = new Catalog(rs.seed(), rs.objects());
    Workload workload = Workload.generate(rs.seed(), rs.workload(), catalog);
    RunSetup setup = new RunSetup(rs, catalog, workload);
    return new Demo.Variant(topology + " · " + rs.transfer().name(), setup);
  }
}
